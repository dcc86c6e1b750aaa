using InstructGpt.Training.Runs;

namespace InstructGpt.Cli.Commands;

/// <summary>
/// Shows stage progress on the terminal: one bar redrawn in place when stderr is a terminal, or a line
/// every 10% when it is redirected (logs, CI).
/// </summary>
internal sealed class ConsoleProgressBar : IProgress<StageProgress>
{
    private const int Width = 30;
    private readonly bool interactive = !Console.IsErrorRedirected;
    private string? stage;
    private int lastDecile = -1;

    public void Report(StageProgress p)
    {
        if (p.Stage != stage)
        {
            if (stage is not null && interactive) Console.Error.WriteLine();
            stage = p.Stage;
            lastDecile = -1;
        }
        var filled = (int)Math.Round(p.Fraction * Width);
        var loss = p.Loss is { } l ? $" loss {l:F4}" : "";
        var eta = p.Eta is { } e ? $" ETA {e:hh\\:mm\\:ss}" : "";
        var line = $"{p.Stage,-12} [{new string('#', filled)}{new string('.', Width - filled)}] {p.Fraction,4:P0} {p.Step}/{p.TotalSteps}{loss} {p.TokensPerSecond:F0} tok/s{eta}";
        if (interactive)
        {
            Console.Error.Write("\r" + line.PadRight(Console.WindowWidth > 0 ? Math.Min(Console.WindowWidth - 1, 140) : 0));
            if (p.Step >= p.TotalSteps) Console.Error.WriteLine();
            return;
        }
        var decile = (int)(p.Fraction * 10);
        if (decile == lastDecile && p.Step < p.TotalSteps) return;
        lastDecile = decile;
        Console.Error.WriteLine(line);
    }
}
