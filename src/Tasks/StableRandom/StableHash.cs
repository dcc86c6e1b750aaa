using System.Text;

namespace InstructGpt.Tasks.StableRandom;

/// <summary>
/// String hashes that are the same in every process, on every machine and .NET version (string.GetHashCode is
/// randomized per process): what seeds the world's named streams and the labeler's per-output noise.
/// </summary>
public static class StableHash
{
    /// <summary>FNV-1a (64-bit) over the UTF-8 bytes.</summary>
    public static ulong Fnv1a64(string text)
    {
        var hash = 0xCBF29CE484222325UL;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash ^= b;
            hash *= 0x100000001B3UL;
        }
        return hash;
    }

    public static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));
}
