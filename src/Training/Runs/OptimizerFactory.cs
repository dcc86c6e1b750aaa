using InstructGpt.Torch.Modules;
using InstructGpt.Torch.Optim;
using InstructGpt.Training.Settings;

namespace InstructGpt.Training.Runs;

/// <summary>AdamW with the paper's betas, decaying matrices only (biases and LayerNorm gains are not decayed, as in nanoGPT and GPT-3).</summary>
public static class OptimizerFactory
{
    public static AdamW Create(Module model, double learningRate, double weightDecay)
    {
        var all = model.parameters();
        var decay = all.Where(p => p.dim() >= 2).ToList();
        var noDecay = all.Where(p => p.dim() < 2).ToList();
        return new AdamW([new ParamGroup(decay), new ParamGroup(noDecay) { WeightDecay = 0 }],
            lr: learningRate, beta1: PaperSettings.AdamBeta1, beta2: PaperSettings.AdamBeta2, eps: 1e-8, weight_decay: weightDecay);
    }
}
