using TorchSharp;
using static TorchSharp.torch;

namespace InstructGpt.Training.Ppo;

/// <summary>
/// A batch of queries and the policy's sampled responses. Responses are right-padded with PAD after
/// EOS; <see cref="ResponseMask"/> is 1 on response tokens up to and including EOS, so everything
/// after it has zero KL and zero reward.
/// </summary>
public sealed record Rollout(IReadOnlyList<int[]> Queries, long[,] Responses, int[] ResponseLengths, bool[] EndedWithEos)
{
    public int BatchSize => Queries.Count;
    public int ResponseWidth => Responses.GetLength(1);

    public Tensor ResponseTensor(Device device)
    {
        var flat = new long[Responses.Length];
        Buffer.BlockCopy(Responses, 0, flat, 0, flat.Length * sizeof(long));
        return torch.tensor(flat, new long[] { BatchSize, ResponseWidth }, device: device);
    }

    public Tensor ResponseMask(Device device)
    {
        var mask = new float[Responses.Length];
        for (var b = 0; b < BatchSize; b++)
            for (var t = 0; t < ResponseLengths[b]; t++) mask[b * ResponseWidth + t] = 1;
        return torch.tensor(mask, new long[] { BatchSize, ResponseWidth }, device: device);
    }

    /// <summary>The valid response tokens of row b (including EOS when present).</summary>
    public int[] Response(int b) => Enumerable.Range(0, ResponseLengths[b]).Select(t => (int)Responses[b, t]).ToArray();
}
