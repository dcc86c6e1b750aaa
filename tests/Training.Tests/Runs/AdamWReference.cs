namespace InstructGpt.Training.Tests.Runs;

/// <summary>
/// The textbook AdamW step (Loshchilov and Hutter, 2019; torch.optim.AdamW) over plain doubles, one parameter tensor at a
/// time: the independent reference the optimizer tests compare TorchSharp's AdamW against.
/// </summary>
internal sealed class AdamWReference(double[] theta, double lr, double beta1, double beta2, double eps, double weightDecay)
{
    private readonly double[] m = new double[theta.Length];
    private readonly double[] v = new double[theta.Length];
    private int t;

    public double[] Theta { get; } = (double[])theta.Clone();
    public double Lr { get; set; } = lr;

    public double[] Run(IEnumerable<double[]> grads)
    {
        foreach (var g in grads) Step(g);
        return Theta;
    }

    public void Step(double[] g)
    {
        t++;
        for (var i = 0; i < Theta.Length; i++)
        {
            Theta[i] *= 1 - Lr * weightDecay;
            m[i] = beta1 * m[i] + (1 - beta1) * g[i];
            v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
            Theta[i] -= Lr / (1 - Math.Pow(beta1, t)) * m[i] / (Math.Sqrt(v[i]) / Math.Sqrt(1 - Math.Pow(beta2, t)) + eps);
        }
    }

    public static void AssertClose(double[] expected, double[] actual, double tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance * Math.Max(1, Math.Abs(expected[i])),
                $"element {i}: expected {expected[i]:R}, got {actual[i]:R}");
    }
}
