using InstructGpt.Api.Tests.Fixtures;

namespace InstructGpt.Api.Tests.Metrics;

/// <summary>The test helper that reads /metrics, on text written by hand.</summary>
public sealed class PrometheusExpositionTests
{
    [Fact]
    public void ParsesTypesNamesLabelsEscapesAndSpecialValues()
    {
        var exposition = PrometheusExposition.Parse("""
            # HELP demo_total A counter
            # TYPE demo_total counter
            demo_total{route="/v1/{model}",note="say \"hi\"\\n"} 3
            demo_total{route="",note="x"} 1e3
            # TYPE demo_seconds histogram
            demo_seconds_bucket{le="+Inf"} 2
            demo_seconds_sum 0.25
            up 1 1700000000000
            """.Replace("\r\n", "\n"));

        Assert.Equal("counter", exposition.Types["demo_total"]);
        Assert.Equal("histogram", exposition.Types["demo_seconds"]);
        Assert.Equal(3, exposition.Value("demo_total", ("route", "/v1/{model}")));
        Assert.Equal("say \"hi\"\\n", exposition.Series("demo_total", ("route", "/v1/{model}")).Single().Labels["note"]);
        Assert.Equal(1000, exposition.Value("demo_total", ("route", "")));
        Assert.Equal(2, exposition.Value("demo_seconds_bucket", ("le", "+Inf")));
        Assert.Equal(0.25, exposition.Value("demo_seconds_sum"));
        Assert.Equal(1, exposition.Value("up"));
        Assert.Equal(0, exposition.Value("absent_total"));
    }
}
