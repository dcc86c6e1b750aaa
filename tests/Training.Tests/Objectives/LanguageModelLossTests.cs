using InstructGpt.Torch;
using InstructGpt.Training.Objectives;

namespace InstructGpt.Training.Tests.Objectives;

public class LanguageModelLossTests
{
    [Fact]
    public void SftLossIgnoresPromptTokens()
    {
        using var scope = torch.NewDisposeScope();
        using var generator = new InstructGpt.Torch.Generator(3);
        var logits = torch.randn([1, 6, 5], DType.Float64, Device.CPU, generator: generator).requires_grad_();
        var completion = torch.tensor(new long[] { 0, 0, 0, 1, 1, 1 }, [1, 6], Device.CPU);

        (double loss, double[] grad) Run(long[] ids)
        {
            logits.grad = null;
            var labels = LanguageModelLoss.CompletionLabels(torch.tensor(ids, [1, 6], Device.CPU), completion);
            var loss = LanguageModelLoss.Compute(logits, labels);
            loss.backward();
            return (loss.item<double>(), logits.grad!.ToArray<double>());
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
        var logits = torch.zeros([2, 3, 4], DType.Float64, Device.CPU);
        var labels = torch.tensor(new long[] { 9, 1, -100, 9, 2, 3 }, [2, 3], Device.CPU);
        Assert.Equal(Math.Log(4), LanguageModelLoss.Compute(logits, labels).item<double>(), 12);
    }
}
