
using InstructGpt.Tasks.StableRandom;

namespace InstructGpt.Training.Runs;

/// <summary>
/// The order in which a stage visits its examples: a permutation per epoch that depends only on the
/// seed and the epoch, so a resumed run sees exactly the batches an uninterrupted run would.
/// Uses the project's SplitMix64 (a fixed, documented algorithm) rather than System.Random, whose sequence is not specified.
/// </summary>
public static class DataOrder
{
    public static int[] Permutation(int count, ulong seed, long epoch)
    {
        var order = Enumerable.Range(0, count).ToArray();
        var random = new SplitMix64(seed ^ (0x9E3779B97F4A7C15UL * (ulong)(epoch + 1)));
        for (var i = count - 1; i > 0; i--)
        {
            var j = (int)(random.NextUInt64() % (ulong)(i + 1));
            (order[i], order[j]) = (order[j], order[i]);
        }
        return order;
    }

    /// <summary>The example indices of batch <paramref name="step"/> when each epoch is cut into batches of <paramref name="batchSize"/> (last partial batch dropped).</summary>
    public static int[] Batch(int count, int batchSize, ulong seed, long step)
    {
        var perEpoch = Math.Max(1, count / batchSize);
        var epoch = step / perEpoch;
        var offset = (int)(step % perEpoch) * batchSize;
        var permutation = Permutation(count, seed, epoch);
        return permutation.Skip(offset).Take(Math.Min(batchSize, count)).ToArray();
    }
}
