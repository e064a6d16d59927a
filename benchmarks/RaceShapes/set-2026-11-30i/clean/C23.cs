using System.Text;

namespace SiteBuilder.Sitemaps;

public sealed record Page(string Section, string Url, DateTime LastModified, double Priority);

/// <summary>
/// Builds one sitemap XML document per site section. Sections are rendered
/// concurrently and written out once all of them are ready.
/// </summary>
public sealed class SitemapGenerator
{
    private readonly string _baseUrl;

    public SitemapGenerator(string baseUrl) => _baseUrl = baseUrl.TrimEnd('/');

    public async Task<IReadOnlyDictionary<string, string>> GenerateAsync(IEnumerable<Page> pages, CancellationToken ct)
    {
        var sections = pages.GroupBy(p => p.Section, StringComparer.OrdinalIgnoreCase)
            .Select(g => (Name: g.Key, Pages: g.ToList()))
            .ToList();

        var renderTasks = sections
            .Select(section => Task.Run(() => (section.Name, Xml: Render(section.Pages)), ct))
            .ToList();

        var rendered = await Task.WhenAll(renderTasks).ConfigureAwait(false);
        return rendered.ToDictionary(r => r.Name, r => r.Xml, StringComparer.OrdinalIgnoreCase);
    }

    private string Render(List<Page> pages)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var sb = new StringBuilder();
        int written = 0;

        sb.AppendLine("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        sb.AppendLine("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">");

        pages.Sort((a, b) => b.Priority.CompareTo(a.Priority));
        foreach (var page in pages)
        {
            if (!seen.Add(page.Url) || written >= 50_000)
            {
                continue;
            }

            sb.Append("  <url><loc>")
              .Append(System.Security.SecurityElement.Escape(_baseUrl + page.Url))
              .Append("</loc><lastmod>")
              .Append(page.LastModified.ToString("yyyy-MM-dd"))
              .Append("</lastmod><priority>")
              .Append(page.Priority.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture))
              .AppendLine("</priority></url>");
            written++;
        }

        sb.AppendLine("</urlset>");
        return sb.ToString();
    }

    public static async Task WriteAllAsync(IReadOnlyDictionary<string, string> sitemaps, string outputDirectory, CancellationToken ct)
    {
        Directory.CreateDirectory(outputDirectory);
        foreach (var (section, xml) in sitemaps)
        {
            var path = Path.Combine(outputDirectory, $"sitemap-{section.ToLowerInvariant()}.xml");
            await File.WriteAllTextAsync(path, xml, Encoding.UTF8, ct).ConfigureAwait(false);
        }
    }
}
