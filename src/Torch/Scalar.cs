using System.Runtime.InteropServices;

namespace InstructGpt.Torch;

/// <summary>
/// A number passed to libtorch with its kind preserved, as at::Scalar: an integral scalar keeps an
/// integer tensor integral (<c>ids + 1</c>), a floating one promotes it (<c>ids * 0.5</c>).
/// Layout matches IgtScalar in native/shim.h.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public readonly struct Scalar
{
    private readonly double floating;
    private readonly long integral;
    private readonly int kind; // 0 floating, 1 integral, 2 boolean

    private Scalar(double floating, long integral, int kind) => (this.floating, this.integral, this.kind) = (floating, integral, kind);

    public bool IsIntegral => kind == 1;
    public double ToDouble() => kind == 0 ? floating : integral;

    public static implicit operator Scalar(double value) => new(value, 0, 0);
    public static implicit operator Scalar(float value) => new(value, 0, 0);
    public static implicit operator Scalar(long value) => new(0, value, 1);
    public static implicit operator Scalar(int value) => new(0, value, 1);
    public static implicit operator Scalar(bool value) => new(0, value ? 1 : 0, 2);

    public override string ToString() => kind switch { 0 => floating.ToString("R"), 2 => (integral != 0).ToString(), _ => integral.ToString() };
}
