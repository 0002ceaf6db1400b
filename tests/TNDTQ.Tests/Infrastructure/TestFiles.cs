using System.Text;

namespace Tndtq.Tests.Infrastructure;

/// <summary>Small but whole files of the kinds people attach, made in code.</summary>
public static class TestFiles
{
    /// <summary>A one-page PDF whose comment line carries <paramref name="note"/> (so a download can be recognised).</summary>
    public static byte[] Pdf(string note) => Encoding.UTF8.GetBytes(
        "%PDF-1.4\n% " + note + "\n1 0 obj <</Type/Catalog/Pages 2 0 R>> endobj\n2 0 obj <</Type/Pages/Kids[3 0 R]/Count 1>> endobj\n" +
        "3 0 obj <</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n");
}
