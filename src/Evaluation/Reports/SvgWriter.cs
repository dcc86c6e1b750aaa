using System.Text;
using System.Xml;

namespace InstructGpt.Evaluation.Reports;

/// <summary>
/// Writes SVG through <see cref="XmlWriter"/>, so every chart is well-formed XML with its text escaped, whatever
/// model names or labels it carries. No XML declaration: the same text is a standalone .svg file and an inline
/// &lt;svg&gt; element in HTML5.
/// </summary>
internal sealed class SvgWriter : IDisposable
{
    public const string Namespace = "http://www.w3.org/2000/svg";

    private readonly StringBuilder document = new();
    private readonly XmlWriter xml;

    public SvgWriter()
    {
        xml = XmlWriter.Create(document, new XmlWriterSettings
        {
            Indent = true,
            OmitXmlDeclaration = true,
            ConformanceLevel = ConformanceLevel.Document,
        });
    }

    public void Start(string element, params (string Name, string Value)[] attributes)
    {
        xml.WriteStartElement(element, Namespace);
        foreach (var (name, value) in attributes)
            xml.WriteAttributeString(name, value);
    }

    public void End() => xml.WriteEndElement();

    public void Empty(string element, params (string Name, string Value)[] attributes)
    {
        Start(element, attributes);
        End();
    }

    public void Text(string element, string content, params (string Name, string Value)[] attributes)
    {
        Start(element, attributes);
        xml.WriteString(content);
        End();
    }

    /// <summary>Text content inside the element that is open.</summary>
    public void Content(string content) => xml.WriteString(content);

    public override string ToString()
    {
        xml.Flush();
        return document.ToString();
    }

    public void Dispose() => xml.Dispose();
}
