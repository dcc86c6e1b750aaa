using InstructGpt.Training.Objectives;
using TorchSharp;
using static TorchSharp.torch;

namespace InstructGpt.Training.Tests.Objectives;

public class LanguageModelLossTests
{
    [Fact]
    public void SftLossIgnoresPromptTokens()
    {
        using var scope = torch.NewDisposeScope();
        using var generator = new torch.Generator(3);
        var logits = torch.randn(new long[] { 1, 6, 5 }, dtype: ScalarType.Float64, device: torch.CPU, generator: generator).requires_grad_();
        var completion = torch.tensor(new long[] { 0, 0, 0, 1, 1, 1 }, new long[] { 1, 6 }, device: torch.CPU);

        (double loss, double[] grad) Run(long[] ids)
        {
            logits.grad = null;
            var labels = LanguageModelLoss.CompletionLabels(torch.tensor(ids, new long[] { 1, 6 }, device: torch.CPU), completion);
            var loss = LanguageModelLoss.Compute(logits, labels);
            loss.backward();
            return (loss.item<double>(), logits.grad!.data<double>().ToArray());
        }

        var first = Run([1, 2, 3, 4, 0, 2]);
        var changedPrompt = Run([4, 0, 0, 4, 0, 2]);
        Assert.Equal(first.loss, changedPrompt.loss);
        Assert.Equal(first.grad, changedPrompt.grad);
        var changedCompletion = Run([1, 2, 3, 4, 1, 2]);
        Assert.NotEqual(first.loss, changedCompletion.loss);
    }

    [Fact]
    public void LossIsTheMeanNegativeLogLikelihoodOfTrainedTokens()
    {
        using var scope = torch.NewDisposeScope();
        // Uniform logits over 4 tokens: every trained token costs ln 4, whatever the targets.
        var logits = torch.zeros(new long[] { 2, 3, 4 }, dtype: ScalarType.Float64, device: torch.CPU);
        var labels = torch.tensor(new long[] { 9, 1, -100, 9, 2, 3 }, new long[] { 2, 3 }, device: torch.CPU);
        Assert.Equal(Math.Log(4), LanguageModelLoss.Compute(logits, labels).item<double>(), 12);
    }
}
