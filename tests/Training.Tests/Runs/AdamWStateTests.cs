using InstructGpt.Safetensors;
using InstructGpt.Training.Runs;
using TorchSharp;
using TorchSharp.Modules;
using static InstructGpt.Training.Tests.Runs.TwoParameterModel;

namespace InstructGpt.Training.Tests.Runs;

/// <summary>AdamW's moments saved to safetensors and loaded into a new optimizer continue the run bit for bit.</summary>
public sealed class AdamWStateTests : IDisposable
{
    private static readonly double[][] WeightGrads = [[0.5, -1.0, 0.25, 2.0], [-0.75, 0.125, 3.0, 0.01], [-2.0, 0.02, 1.0, -0.5]];
    private static readonly double[][] BiasGrads = [[3.0, 0.01], [-2.0, 0.02], [1.0, -0.5]];
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    private static void Step(TwoParameterModel model, AdamW optimizer, int i, bool bias = true)
    {
        SetGrad(model.weight, WeightGrads[i % 3]);
        if (bias) SetGrad(model.bias, BiasGrads[(i + 1) % 3]);
        optimizer.step();
        optimizer.ClearGradients();
    }

    private static AdamW.State StateOf(AdamW optimizer, int index) => (AdamW.State)optimizer.state_dict().State[index];

    [Fact]
    public void ALoadedStateResumesWithIdenticalUpdates()
    {
        var path = directory.File("adamw.safetensors");
        using var original = new TwoParameterModel();
        using var originalOptimizer = OptimizerFactory.Create(original, 0.05, 0.1);
        for (var i = 0; i < 2; i++) Step(original, originalOptimizer, i);
        AdamWState.Save(originalOptimizer, path);

        // The same weights with a fresh optimizer that loads the state...
        using var resumed = new TwoParameterModel(Values(original.weight), Values(original.bias));
        using var resumedOptimizer = OptimizerFactory.Create(resumed, 0.05, 0.1);
        AdamWState.Load(resumedOptimizer, path);
        Assert.Equal(2, StateOf(resumedOptimizer, 0).step);
        Assert.Equal(2, StateOf(resumedOptimizer, 1).step);
        // ...and a third that starts from scratch, which must diverge, or this test proves nothing.
        using var fresh = new TwoParameterModel(Values(original.weight), Values(original.bias));
        using var freshOptimizer = OptimizerFactory.Create(fresh, 0.05, 0.1);

        for (var i = 2; i < 5; i++)
        {
            Step(original, originalOptimizer, i);
            Step(resumed, resumedOptimizer, i);
            Step(fresh, freshOptimizer, i);
            Assert.Equal(Values(original.weight), Values(resumed.weight)); // bit for bit
            Assert.Equal(Values(original.bias), Values(resumed.bias));
        }
        Assert.NotEqual(Values(original.weight), Values(fresh.weight));
        Assert.Equal(5, StateOf(resumedOptimizer, 0).step);
    }

    [Fact]
    public void ParametersThatNeverSteppedAreNotWrittenAndLoadAsFresh()
    {
        var path = directory.File("adamw.safetensors");
        using var model = new TwoParameterModel();
        using var optimizer = OptimizerFactory.Create(model, 0.05, 0.1);
        Step(model, optimizer, 0, bias: false);
        optimizer.SetLearningRate(0.0125);
        AdamWState.Save(optimizer, path);
        using (var file = SafetensorsFile.Open(path))
        {
            Assert.Equal(["0.exp_avg", "0.exp_avg_sq"], file.Names.Order());
            Assert.Equal(AdamWState.Format, file.Metadata["format"]);
        }

        // An optimizer whose bias has moments of its own gets them cleared, and the saved learning rate back.
        using var other = new TwoParameterModel();
        using var otherOptimizer = OptimizerFactory.Create(other, 0.05, 0.1);
        Step(other, otherOptimizer, 1);
        AdamWState.Load(otherOptimizer, path);
        Assert.Equal(1, StateOf(otherOptimizer, 0).step);
        Assert.Equal(0, StateOf(otherOptimizer, 1).step);
        Assert.Equal(0, StateOf(otherOptimizer, 1).exp_avg.abs().sum().ToDouble());
        Assert.Equal(0, StateOf(otherOptimizer, 1).exp_avg_sq.abs().sum().ToDouble());
        Assert.Equal(0.0125, otherOptimizer.LearningRate());
    }

    [Fact]
    public void AStateForOtherParametersOrAnotherFileIsRefused()
    {
        var path = directory.File("adamw.safetensors");
        using (var model = new TwoParameterModel())
        using (var optimizer = OptimizerFactory.Create(model, 0.05, 0.1))
        {
            Step(model, optimizer, 0);
            AdamWState.Save(optimizer, path);
        }
        using var linear = torch.nn.Linear(2, 2, hasBias: false, dtype: torch.float64);
        using var one = OptimizerFactory.Create(linear, 0.05, 0.1);
        var error = Assert.Throws<InvalidDataException>(() => AdamWState.Load(one, path));
        Assert.Contains("2 parameters", error.Message);

        var weights = directory.File("weights.safetensors");
        SafetensorsWriter.Save(weights, linear.state_dict());
        error = Assert.Throws<InvalidDataException>(() => AdamWState.Load(one, weights));
        Assert.Contains("not an AdamW state file", error.Message);
    }
}
