package org.autodiff.nn.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.autodiff.core.DType;
import org.autodiff.core.Tensor;
import org.autodiff.nn.Parameter;
import org.autodiff.nn.optim.lr.ReduceLROnPlateau;
import org.autodiff.nn.optim.lr.StepLR;
import org.junit.jupiter.api.Test;

/**
 * Parameter groups beyond the PyTorch trajectories (ParamGroupsGoldenTest): defaults and a
 * group's own values, the state dict's group entries and the earlier single-group format, and
 * the errors.
 */
class ParamGroupTest {
    private static Tensor param(double... v) {
        return Parameter.of(Tensor.of(v, v.length));
    }

    @Test
    void groupsFollowTheDefaultsUnlessTheySetAValue() {
        Tensor a = param(1, 2), b = param(3);
        SGD opt = new SGD(List.of(ParamGroup.of(List.of(a)), ParamGroup.of(List.of(b)).set("lr", 0.5)), 0.1);
        opt.momentum(0.9).weightDecay(1e-4);
        ParamGroup first = opt.paramGroups().get(0), second = opt.paramGroups().get(1);
        assertEquals(0.1, first.lr());
        assertEquals(0.5, second.lr());
        assertEquals(0.9, second.get("momentum"), "a setter after construction is a default every group follows");
        second.set("momentum", 0);
        assertEquals(0, second.get("momentum"));
        assertEquals(0.9, first.get("momentum"));
        assertEquals(List.of(a, b), opt.params());
        opt.setLr(0.01);
        assertEquals(0.01, first.lr());
        assertEquals(0.01, second.lr(), "setLr sets every group");
    }

    @Test
    void eachGroupStepsWithItsOwnRate() {
        Tensor a = param(1), b = param(1);
        SGD opt = new SGD(List.of(ParamGroup.of(List.of(a)), ParamGroup.of(List.of(b)).set("lr", 0.5)), 0.1);
        a.add(b).sum().backward();
        opt.step();
        assertEquals(0.9, a.item(), 1e-15);
        assertEquals(0.5, b.item(), 1e-15);
    }

    @Test
    void stateDictSaysGroupsAndLoadsIntoAFreshOptimizer() {
        Tensor a = param(1, 2), b = param(3), c = param(4, 5, 6);
        Adam opt = new Adam(List.of(ParamGroup.of(List.of(a, b)).set("weight_decay", 0.1),
                ParamGroup.of(List.of(c)).set("lr", 0.5).set("amsgrad", true)), 0.01);
        a.square().sum().add(b.square().sum()).add(c.square().sum()).backward();
        opt.step();
        Map<String, Tensor> state = opt.stateDict();
        assertArrayEquals(new long[] {0, 1}, state.get("param_groups.0.params").toLongArray());
        assertArrayEquals(new long[] {2}, state.get("param_groups.1.params").toLongArray());
        assertEquals(DType.INT64, state.get("param_groups.1.params").dtype());
        assertEquals(0.5, state.get("param_groups.1.lr").item());
        assertEquals(1.0, state.get("param_groups.1.amsgrad").item());
        assertEquals(0.1, state.get("param_groups.0.weight_decay").item());
        assertEquals(0.0, state.get("param_groups.1.weight_decay").item());
        assertTrue(state.containsKey("state.2.exp_avg"));

        Tensor a2 = param(1, 2), b2 = param(3), c2 = param(4, 5, 6);
        Adam fresh = new Adam(List.of(ParamGroup.of(List.of(a2, b2)), ParamGroup.of(List.of(c2))), 0.01);
        fresh.loadStateDict(state);
        assertEquals(0.5, fresh.paramGroups().get(1).lr());
        assertTrue(fresh.paramGroups().get(1).flag("amsgrad"), "hyperparameters are restored with the state");
        assertEquals(0.1, fresh.paramGroups().get(0).get("weight_decay"));
        Map<String, Tensor> again = fresh.stateDict();
        assertEquals(state.keySet(), again.keySet());
        state.forEach((k, v) -> assertArrayEquals(v.toDoubleArray(), again.get(k).toDoubleArray(), k));

        Adam oneGroup = new Adam(List.of(a2, b2, c2), 0.01);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> oneGroup.loadStateDict(state));
        assertTrue(e.getMessage().contains("the state has 2 parameter group(s)"), e.getMessage());
        Adam otherSplit = new Adam(List.of(ParamGroup.of(List.of(a2)), ParamGroup.of(List.of(b2, c2))), 0.01);
        IllegalArgumentException split = assertThrows(IllegalArgumentException.class, () -> otherSplit.loadStateDict(state));
        assertTrue(split.getMessage().contains("param_groups.0.params"), split.getMessage());
    }

    @Test
    void theEarlierSingleGroupFormatStillLoads() {
        Tensor a = param(1, 2);
        SGD opt = new SGD(List.of(a), 0.1).momentum(0.9);
        a.sum().backward();
        opt.step();
        Map<String, Tensor> legacy = new LinkedHashMap<>();
        legacy.put("lr", Tensor.scalar(0.25, DType.FLOAT64));
        legacy.put("state.0.momentum_buffer", Tensor.of(new double[] {7, 8}, 2));
        Tensor b = param(1, 2);
        SGD fresh = new SGD(List.of(b), 0.1).momentum(0.9);
        fresh.loadStateDict(legacy);
        assertEquals(0.25, fresh.lr());
        assertArrayEquals(new double[] {7, 8}, fresh.stateDict().get("state.0.momentum_buffer").toDoubleArray());
    }

    @Test
    void addParamGroupRefusesRepeatsUnknownNamesAndBadValues() {
        Tensor a = param(1), b = param(2);
        SGD opt = new SGD(List.of(a), 0.1);
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> opt.addParamGroup(ParamGroup.of(List.of(b, a))));
        assertTrue(twice.getMessage().contains("more than one parameter group"), twice.getMessage());
        assertEquals(1, opt.paramGroups().size(), "a refused group is not added");
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> opt.addParamGroup(ParamGroup.of(List.of(b)).set("betas", 0.9)));
        assertTrue(unknown.getMessage().contains("SGD has no hyperparameter 'betas'"), unknown.getMessage());
        assertThrows(IllegalArgumentException.class, () -> opt.addParamGroup(ParamGroup.of(List.of())));
        assertThrows(IllegalArgumentException.class, () -> ParamGroup.of(List.of(b)).setLr(-1));
        ParamGroup nesterov = ParamGroup.of(List.of(b)).set("nesterov", true);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> opt.addParamGroup(nesterov));
        assertTrue(e.getMessage().contains("Nesterov"), e.getMessage());
        ParamGroup owned = opt.paramGroups().get(0);
        assertThrows(IllegalArgumentException.class, () -> new SGD(List.of(owned), 0.1));
    }

    @Test
    void schedulersSetEveryGroupFromItsOwnBase() {
        Tensor a = param(1), b = param(2);
        SGD opt = new SGD(List.of(ParamGroup.of(List.of(a)), ParamGroup.of(List.of(b)).set("lr", 1)), 0.1);
        StepLR s = new StepLR(opt, 2, 0.5);
        s.step();
        s.step();
        assertArrayEquals(new double[] {0.05, 0.5}, s.lastLrs(), 1e-15);
        ReduceLROnPlateau plateau = new ReduceLROnPlateau(opt, ReduceLROnPlateau.Mode.MIN, 0.5, 0, 0,
                ReduceLROnPlateau.ThresholdMode.ABS, 0, 0.3, 1e-8);
        plateau.step(1);
        plateau.step(1);
        assertEquals(0.05, opt.paramGroups().get(0).lr(), 1e-15, "already below minLr: unchanged");
        assertEquals(0.3, opt.paramGroups().get(1).lr(), 1e-15, "halved but no lower than minLr");
    }
}
