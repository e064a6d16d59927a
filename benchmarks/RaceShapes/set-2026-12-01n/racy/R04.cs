using System.Security;

namespace Localisation.TranslationMemory;

public sealed record TmEntry(
    string SourceLocale,
    string TargetLocale,
    string Source,
    string Target,
    string Translator,
    DateTime AddedUtc);

/// <summary>
/// In-memory translation memory for one localisation project. A single instance is shared
/// by all translators connected to the project session: the editor calls <see cref="Add"/>
/// whenever a segment is confirmed, the fuzzy-match panel queries it, and the nightly
/// exporter writes it out as TMX from a background worker.
/// </summary>
public sealed class ProjectTranslationMemory
{
    private readonly object _gate = new();
    private readonly List<TmEntry> _entries = new();

    public void Add(TmEntry entry)
    {
        lock (_gate)
        {
            _entries.RemoveAll(e =>
                e.SourceLocale == entry.SourceLocale &&
                e.TargetLocale == entry.TargetLocale &&
                string.Equals(e.Source, entry.Source, StringComparison.Ordinal));
            _entries.Add(entry);
        }
    }

    public TmEntry? ExactMatch(string sourceLocale, string targetLocale, string source)
    {
        lock (_gate)
        {
            return _entries.FindLast(e =>
                e.SourceLocale == sourceLocale &&
                e.TargetLocale == targetLocale &&
                string.Equals(e.Source, source, StringComparison.Ordinal));
        }
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    public void ExportTmx(TextWriter writer, string sourceLocale)
    {
        writer.WriteLine("<?xml version=\"1.0\" encoding=\"utf-8\"?>");
        writer.WriteLine($"<tmx version=\"1.4\"><header srclang=\"{sourceLocale}\" datatype=\"plaintext\"/><body>");

        foreach (var entry in _entries)
        {
            if (entry.SourceLocale != sourceLocale)
            {
                continue;
            }

            writer.WriteLine($"  <tu creationid=\"{SecurityElement.Escape(entry.Translator)}\" creationdate=\"{entry.AddedUtc:yyyyMMddTHHmmssZ}\">");
            writer.WriteLine($"    <tuv xml:lang=\"{entry.SourceLocale}\"><seg>{SecurityElement.Escape(entry.Source)}</seg></tuv>");
            writer.WriteLine($"    <tuv xml:lang=\"{entry.TargetLocale}\"><seg>{SecurityElement.Escape(entry.Target)}</seg></tuv>");
            writer.WriteLine("  </tu>");
        }

        writer.WriteLine("</body></tmx>");
    }
}

/// <summary>
/// Background worker that snapshots the project memory to disk every night.
/// </summary>
public sealed class NightlyTmxExporter
{
    private readonly ProjectTranslationMemory _memory;
    private readonly string _folder;

    public NightlyTmxExporter(ProjectTranslationMemory memory, string folder)
    {
        _memory = memory;
        _folder = folder;
    }

    public Task ExportAsync(CancellationToken ct) => Task.Run(() =>
    {
        var path = Path.Combine(_folder, $"project-{DateTime.UtcNow:yyyyMMdd}.tmx");
        using var writer = new StreamWriter(path);
        _memory.ExportTmx(writer, "en-GB");
    }, ct);
}
