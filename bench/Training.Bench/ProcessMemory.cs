namespace InstructGpt.Training.Bench;

/// <summary>The process's peak resident set (VmHWM in /proc/self/status): what the peer reads as ru_maxrss.</summary>
internal static class ProcessMemory
{
    public static double PeakResidentMegabytes()
    {
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal))
            ?? throw new InvalidOperationException("/proc/self/status has no VmHWM line");
        return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) / 1024.0;
    }
}
