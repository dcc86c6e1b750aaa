using System.Xml.Linq;
using InstructGpt.Evaluation.Reports;

namespace InstructGpt.Evaluation.Tests.Reports;

/// <summary>Parses chart SVG with System.Xml (so malformed output fails the test) and finds its parts.</summary>
internal sealed class SvgDocument
{
    private static readonly XNamespace Svg = SvgWriter.Namespace;

    public SvgDocument(string svg)
    {
        Root = XDocument.Parse(svg).Root ?? throw new Xunit.Sdk.XunitException("The SVG has no root element.");
    }

    public XElement Root { get; }

    /// <summary>The bars: rect elements that name their model.</summary>
    public IReadOnlyList<XElement> Bars => Root.Descendants(Svg + "rect").Where(r => r.Attribute("data-model") is not null).ToArray();

    public IReadOnlyList<XElement> ErrorBars => Root.Descendants(Svg + "g").Where(g => (string?)g.Attribute("class") == "error-bar").ToArray();

    public IReadOnlyList<XElement> LegendSwatches => Root.Descendants(Svg + "rect").Where(r => r.Attribute("data-legend") is not null).ToArray();

    public IReadOnlyList<string> Texts => Root.Descendants(Svg + "text").Select(t => t.Value).ToArray();

    public bool Has(string cssClass) => Root.Descendants().Any(e => (string?)e.Attribute("class") == cssClass);
}
