using TorchSharp;

namespace InstructGpt.Training.Runs;

/// <summary>What the training loops do to an optimizer besides stepping it: set the scheduled learning rate and drop the gradients.</summary>
public static class OptimizerExtensions
{
    /// <summary>Gives every parameter group the same learning rate (what a schedule does each step).</summary>
    public static void SetLearningRate(this torch.optim.Optimizer optimizer, double learningRate)
    {
        if (learningRate < 0) throw new ArgumentOutOfRangeException(nameof(learningRate), learningRate, "learning rate must be >= 0");
        foreach (var group in optimizer.ParamGroups) group.LearningRate = learningRate;
    }

    /// <summary>The first parameter group's learning rate: the one the schedule set.</summary>
    public static double LearningRate(this torch.optim.Optimizer optimizer) => optimizer.ParamGroups.First().LearningRate;

    /// <summary>
    /// Sets every gradient to none, as PyTorch's zero_grad(set_to_none=True) does. TorchSharp's zero_grad fills them with
    /// zeros instead, after which AdamW would keep moving a parameter that got no gradient in a step; with none it is skipped.
    /// </summary>
    public static void ClearGradients(this torch.optim.Optimizer optimizer)
    {
        foreach (var p in optimizer.parameters()) p.grad = null;
    }
}
