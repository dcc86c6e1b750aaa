using InstructGpt.Inference.Engine;
using InstructGpt.Inference.Generation;
using InstructGpt.Inference.Model;
using InstructGpt.Inference.Tokenization;
using TorchSharp;
using static TorchSharp.torch;

namespace InstructGpt.Evaluation.Judges;

/// <summary>
/// Reward-model scores of (prompt, output) pairs, laid out as the RM was trained: the query (prompt and the
/// instruction separator), the output and &lt;|endoftext|&gt;, the reward read at that last token (InstructGPT §3.5).
/// A pair longer than the context keeps the start of the output and the end of the query.
/// </summary>
public static class RewardScorer
{
    public static double[] Score(GptRewardModel model, ITokenizer tokenizer, IReadOnlyList<(string Prompt, string Output)> pairs, int batchSize)
    {
        var scores = new List<double>(pairs.Count);
        using var noGrad = torch.no_grad();
        foreach (var batch in pairs.Chunk(Math.Max(1, batchSize)))
        {
            using var scope = torch.NewDisposeScope();
            var rows = batch.Select(p => Layout(tokenizer, p.Prompt, p.Output, model.Config.NPositions)).ToArray();
            var width = rows.Max(r => r.Length);
            var ids = new long[rows.Length * width];
            var mask = new long[rows.Length * width];
            for (var r = 0; r < rows.Length; r++)
            {
                for (var t = 0; t < rows[r].Length; t++)
                {
                    ids[r * width + t] = rows[r][t];
                    mask[r * width + t] = 1;
                }
            }
            var device = model.transformer.wte.weight!.device;
            var rewards = model.forward(torch.tensor(ids, new long[] { rows.Length, width }, device: device), torch.tensor(mask, new long[] { rows.Length, width }, device: device));
            scores.AddRange(rewards.to(ScalarType.Float64).ToHostArray<double>());
        }
        return scores.ToArray();
    }

    /// <summary>query + output + EOS in at most <paramref name="context"/> tokens.</summary>
    public static int[] Layout(ITokenizer tokenizer, string prompt, string output, int context)
    {
        var query = tokenizer.Encode(InstructionFormat.Query(prompt));
        int[] answer = [.. tokenizer.Encode(output), tokenizer.EndOfTextId];
        if (answer.Length > context - 1)
            answer = [.. answer[..(context - 2)], tokenizer.EndOfTextId]; // the reward is read at EOS, so EOS stays
        var queryRoom = context - answer.Length;
        return [.. query.Length > queryRoom ? query[^queryRoom..] : query, .. answer];
    }
}
