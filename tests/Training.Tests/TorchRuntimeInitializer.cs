using System.Runtime.CompilerServices;
using InstructGpt.Inference.Engine;

namespace InstructGpt.Training.Tests;

/// <summary>Applies the engine settings hosts apply (OpenMP wait policy, thread count) before any test touches libtorch.</summary>
internal static class TorchRuntimeInitializer
{
    [ModuleInitializer]
    internal static void Initialize() => TorchRuntime.Initialize();
}
