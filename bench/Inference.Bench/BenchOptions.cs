using System.Globalization;
using TorchSharp;
using static TorchSharp.torch;

namespace InstructGpt.Inference.Bench;

internal sealed record BenchOptions(IReadOnlyList<RunSpec> Runs, GeneratorSpec? Generator, int Threads, int Prompt, ulong Seed, string? Export, bool Serve)
{
    public static BenchOptions Parse(string[] args)
    {
        var runs = new List<RunSpec>();
        GeneratorSpec? generator = null;
        int threads = 2, prompt = 16;
        ulong seed = 1234;
        string? export = null;
        var serve = false;
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--runs": runs.AddRange(Next().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(ParseRun)); break;
                case "--generator": generator = ParseGenerator(Next()); break;
                case "--threads": threads = Int(Next()); break;
                case "--prompt": prompt = Int(Next()); break;
                case "--seed": seed = ulong.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--export": export = Next(); break;
                case "--serve": serve = true; break;
                default: throw new ArgumentException($"unknown argument '{args[i]}'");
            }
        }
        return new BenchOptions(runs, generator, threads, prompt, seed, export, serve);
    }

    /// <summary>PRESET:BATCH:MODE:NEW:REPEATS</summary>
    public static RunSpec ParseRun(string spec)
    {
        var f = spec.Trim().Split(':');
        if (f.Length != 5) throw new ArgumentException($"run '{spec}' must be PRESET:BATCH:MODE:NEW:REPEATS");
        var mode = f[2] switch
        {
            "kv" => DecodeMode.Kv,
            "recompute" => DecodeMode.Recompute,
            _ => throw new ArgumentException($"run '{spec}': mode must be kv or recompute"),
        };
        return new RunSpec(f[0], Int(f[1]), mode, Int(f[3]), Int(f[4]));
    }

    /// <summary>PRESET:BATCH:NEW:REPEATS</summary>
    public static GeneratorSpec ParseGenerator(string spec)
    {
        var f = spec.Trim().Split(':');
        if (f.Length != 4) throw new ArgumentException($"generator '{spec}' must be PRESET:BATCH:NEW:REPEATS");
        return new GeneratorSpec(f[0], Int(f[1]), Int(f[2]), Int(f[3]));
    }

    private static int Int(string text) => int.Parse(text, CultureInfo.InvariantCulture);
}
