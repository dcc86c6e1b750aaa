using System.Runtime.InteropServices;

namespace InstructGpt.Memory.Bench;

/// <summary>
/// glibc malloc's own account (mallinfo2): bytes the heap took from the kernel and bytes handed out. A resident set that
/// steps up while the bytes in use stay level is the heap growing around holes it cannot reuse (fragmentation); bytes in
/// use that step up with it are allocations something keeps (a cache or a leak).
/// </summary>
internal static class NativeHeap
{
    [StructLayout(LayoutKind.Sequential)]
    private struct MallInfo2
    {
        public nuint Arena, Ordblks, Smblks, Hblks, Hblkhd, Usmblks, Fsmblks, Uordblks, Fordblks, Keepcost;
    }

    [DllImport("libc", EntryPoint = "mallinfo2")]
    private static extern MallInfo2 mallinfo2();

    /// <summary>(heap bytes from the kernel incl. mmapped blocks, bytes in use); zeros where mallinfo2 is missing (not glibc ≥ 2.33).</summary>
    public static (long Mapped, long InUse) Current()
    {
        try
        {
            var info = mallinfo2();
            return ((long)(info.Arena + info.Hblkhd), (long)(info.Uordblks + info.Hblkhd));
        }
        catch (EntryPointNotFoundException)
        {
            return (0, 0);
        }
    }
}
