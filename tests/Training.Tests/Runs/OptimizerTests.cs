using InstructGpt.Training.Runs;
using InstructGpt.Training.Settings;
using static InstructGpt.Training.Tests.Runs.TwoParameterModel;

namespace InstructGpt.Training.Tests.Runs;

/// <summary>The stages' AdamW (TorchSharp's, set up by <see cref="OptimizerFactory"/>) against the update computed by hand in doubles.</summary>
public sealed class OptimizerTests
{
    private const double Beta1 = PaperSettings.AdamBeta1, Beta2 = PaperSettings.AdamBeta2, Eps = 1e-8;
    private static readonly double[][] WeightGrads = [[0.5, -1.0, 0.25, 2.0], [-0.75, 0.125, 3.0, 0.01], [-2.0, 0.02, 1.0, -0.5]];
    private static readonly double[][] BiasGrads = [[3.0, 0.01], [-2.0, 0.02], [1.0, -0.5]];

    [Fact]
    public void ReferenceItselfMatchesNumbersWorkedOutOnPaper()
    {
        // Step 1 with θ=1, g=0.5, lr=0.1, λ=0.1, β=(0.9, 0.999), ε=1e-8:
        // θ·(1−0.01)=0.99; m̂=0.5, v̂=0.25; θ = 0.99 − 0.1·0.5/(0.5+1e-8) = 0.890000002 (to 1e-12).
        var r = new AdamWReference([1.0], 0.1, 0.9, 0.999, 1e-8, 0.1);
        r.Step([0.5]);
        Assert.Equal(0.890000002, r.Theta[0], 1e-12);
    }

    [Fact]
    public void MatricesAreDecayedAndVectorsAreNot()
    {
        const double lr = 0.02, decay = 0.2;
        using var model = new TwoParameterModel();
        using var optimizer = OptimizerFactory.Create(model, lr, decay);
        var weight = new AdamWReference(InitialWeight, lr, Beta1, Beta2, Eps, decay);
        var bias = new AdamWReference(InitialBias, lr, Beta1, Beta2, Eps, 0);
        for (var step = 0; step < 3; step++)
        {
            SetGrad(model.weight, WeightGrads[step]);
            SetGrad(model.bias, BiasGrads[step]);
            optimizer.step();
            weight.Step(WeightGrads[step]);
            bias.Step(BiasGrads[step]);
            AdamWReference.AssertClose(weight.Theta, Values(model.weight), 1e-13);
            AdamWReference.AssertClose(bias.Theta, Values(model.bias), 1e-13);
        }
        // The decay really made a difference for the matrix.
        Assert.True(Math.Abs(new AdamWReference(InitialWeight, lr, Beta1, Beta2, Eps, 0).Run(WeightGrads)[0] - Values(model.weight)[0]) > 1e-4);
    }

    [Fact]
    public void SettingTheLearningRateBetweenStepsChangesTheNextStepOfEveryGroup()
    {
        // What an LR schedule does: the moments carry over, only the step size changes.
        using var model = new TwoParameterModel();
        using var optimizer = OptimizerFactory.Create(model, 0.1, 0.1);
        var weight = new AdamWReference(InitialWeight, 0.1, Beta1, Beta2, Eps, 0.1);
        var bias = new AdamWReference(InitialBias, 0.1, Beta1, Beta2, Eps, 0);
        for (var step = 0; step < 3; step++)
        {
            optimizer.SetLearningRate(weight.Lr = bias.Lr = 0.1 / (step + 1));
            Assert.Equal(0.1 / (step + 1), optimizer.LearningRate());
            SetGrad(model.weight, WeightGrads[step]);
            SetGrad(model.bias, BiasGrads[step]);
            optimizer.step();
            weight.Step(WeightGrads[step]);
            bias.Step(BiasGrads[step]);
        }
        AdamWReference.AssertClose(weight.Theta, Values(model.weight), 1e-13);
        AdamWReference.AssertClose(bias.Theta, Values(model.bias), 1e-13);
        Assert.Throws<ArgumentOutOfRangeException>(() => optimizer.SetLearningRate(-1));
    }

    [Fact]
    public void ClearedGradientsAreNoneAndAParameterWithoutOneIsNotMoved()
    {
        using var model = new TwoParameterModel();
        using var optimizer = OptimizerFactory.Create(model, 0.05, 0.1);
        var bias = new AdamWReference(InitialBias, 0.05, Beta1, Beta2, Eps, 0);

        // Step 1: the bias has no gradient, so it keeps its value and its own step count.
        SetGrad(model.weight, WeightGrads[0]);
        optimizer.step();
        optimizer.ClearGradients();
        Assert.Null(model.weight.grad);
        Assert.Equal(InitialBias, Values(model.bias));

        // Steps 2 and 3 with gradients: the bias's bias correction starts at t = 1.
        for (var step = 1; step < 3; step++)
        {
            SetGrad(model.weight, WeightGrads[step]);
            SetGrad(model.bias, BiasGrads[step]);
            optimizer.step();
            optimizer.ClearGradients();
            bias.Step(BiasGrads[step]);
        }
        AdamWReference.AssertClose(bias.Theta, Values(model.bias), 1e-13);

        // Step 4 with a gradient for the weight only: the bias's momentum must not move it (a zero gradient would).
        var before = Values(model.bias);
        SetGrad(model.weight, WeightGrads[0]);
        optimizer.step();
        Assert.Equal(before, Values(model.bias));
    }
}
