using InstructGpt.Training.Settings;
using TorchSharp;
using TorchSharp.Modules;

namespace InstructGpt.Training.Runs;

/// <summary>AdamW with the paper's betas, decaying matrices only (biases and LayerNorm gains are not decayed, as in nanoGPT and GPT-3).</summary>
public static class OptimizerFactory
{
    public static AdamW Create(torch.nn.Module model, double learningRate, double weightDecay)
    {
        var all = model.parameters().ToList();
        // Lists, not queries: a TorchSharp parameter group enumerates its Parameters on every step.
        var decay = all.Where(p => p.dim() >= 2).ToList();
        var noDecay = all.Where(p => p.dim() < 2).ToList();
        // Options left null take the optimizer's defaults below; only the no-decay group overrides weight_decay.
        return new AdamW([new AdamW.ParamGroup(decay, new AdamW.Options()), new AdamW.ParamGroup(noDecay, new AdamW.Options { weight_decay = 0 })],
            lr: learningRate, beta1: PaperSettings.AdamBeta1, beta2: PaperSettings.AdamBeta2, eps: 1e-8, weight_decay: weightDecay);
    }
}
