using InstructGpt.Inference.Engine;
using InstructGpt.Inference.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace InstructGpt.Inference.Generation;

/// <summary>
/// Log-probabilities of given continuations under a model: log π(y_t | x, y_&lt;t) for every token
/// of y. PPO's KL penalty and the perplexity metric are built on this. Contexts are left-padded into
/// one batch, as in generation, so a batch scores exactly like its rows one by one.
/// </summary>
public static class SequenceScorer
{
    /// <param name="temperature">Logits are divided by it first, matching the distribution a sample was drawn from.</param>
    public static double[][] TokenLogprobs(GptLanguageModel model, IReadOnlyList<IReadOnlyList<int>> contexts,
        IReadOnlyList<IReadOnlyList<int>> continuations, double temperature = 1.0)
    {
        if (contexts.Count != continuations.Count) throw new ArgumentException("there must be one continuation per context");
        if (temperature <= 0) throw new ArgumentOutOfRangeException(nameof(temperature), temperature, "temperature must be > 0");
        if (contexts.Any(c => c.Count == 0)) throw new ArgumentException("every context needs at least one token (for example <|endoftext|>)", nameof(contexts));
        var device = model.transformer.wte.weight!.device;
        var rows = contexts.Count;
        var lengths = Enumerable.Range(0, rows).Select(i => contexts[i].Count + continuations[i].Count).ToArray();
        var width = lengths.Max();
        if (width > model.Config.NPositions)
            throw new ArgumentException($"a sequence of {width} tokens exceeds the model's context of {model.Config.NPositions}");

        var ids = new long[rows * width];
        var mask = new long[rows * width];
        for (var r = 0; r < rows; r++)
        {
            var offset = r * width + width - lengths[r];
            var j = 0;
            foreach (var t in contexts[r].Concat(continuations[r])) { ids[offset + j] = t; mask[offset + j] = 1; j++; }
        }

        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var logits = model.forward(torch.tensor(ids, new long[] { rows, width }, device: device), torch.tensor(mask, new long[] { rows, width }, device: device));
        var logprobs = (logits.@float() / temperature).log_softmax(-1);
        // The token at position p is predicted by the logits at p − 1.
        var targets = torch.tensor(ids, new long[] { rows, width }, device: device).narrow(1, 1, width - 1).unsqueeze(-1);
        var chosen = logprobs.narrow(1, 0, width - 1).gather(2, targets).squeeze(-1).to(ScalarType.Float64).ToHostArray<double>();
        var result = new double[rows][];
        for (var r = 0; r < rows; r++)
        {
            var n = continuations[r].Count;
            result[r] = new double[n];
            for (var k = 0; k < n; k++) result[r][k] = chosen[r * (width - 1) + (width - 1 - n + k)];
        }
        return result;
    }
}
