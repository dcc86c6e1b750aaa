using System.Globalization;

namespace InstructGpt.Training.Bench;

/// <summary>The command line: prepare|serve --home DIR [--workload NAME] [--batches N] [--seed N], or threads.</summary>
internal sealed record BenchOptions(string Command, string Home, string Workload, int Batches, ulong Seed)
{
    public static BenchOptions Parse(string[] args)
    {
        if (args.Length == 0 || args[0] is not ("prepare" or "serve" or "threads"))
            throw new ArgumentException("the first argument must be 'prepare', 'serve' or 'threads' (see the comment at the top of Program.cs)");
        if (args[0] == "threads")
            return args.Length == 1 ? new BenchOptions("threads", "", "", 0, 0) : throw new ArgumentException("'threads' takes no arguments");
        string? home = null, workload = null;
        var batches = 41;
        ulong seed = 1;
        for (var i = 1; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--home": home = Next(); break;
                case "--workload": workload = Next(); break;
                case "--batches": batches = Positive("--batches", Next(), minimum: 2); break;
                case "--seed": seed = ulong.TryParse(Next(), CultureInfo.InvariantCulture, out var s) ? s : throw new ArgumentException("--seed must be a non-negative integer"); break;
                default: throw new ArgumentException($"unknown argument '{args[i]}'");
            }
        }
        if (home is null) throw new ArgumentException("--home DIR is required");
        if (args[0] == "serve" && !InstructGpt.Training.Bench.Workload.Names.Contains(workload))
            throw new ArgumentException($"serve needs --workload {string.Join("|", InstructGpt.Training.Bench.Workload.Names)}");
        return new BenchOptions(args[0], home, workload ?? "", batches, seed);
    }

    private static int Positive(string name, string text, int minimum) =>
        int.TryParse(text, CultureInfo.InvariantCulture, out var value) && value >= minimum ? value : throw new ArgumentException($"{name} must be an integer >= {minimum}, got '{text}'");
}
