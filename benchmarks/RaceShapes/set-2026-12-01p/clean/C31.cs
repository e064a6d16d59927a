using System;
using System.Collections.Generic;
using System.Threading;

namespace Blind16.SignRelay.Glossary;

public sealed record GlossEntry(string Word, string SignGloss, string? RegionalVariant);

public interface IGlossarySource
{
    IEnumerable<GlossEntry> Load();
}

/// <summary>
/// Shared glossary that interpreters' captioning helpers use to suggest sign glosses
/// for technical terms during a relay call. Every active call queries it.
/// </summary>
public sealed class InterpreterGlossary
{
    private readonly IGlossarySource _source;
    private IReadOnlyDictionary<string, GlossEntry>? _entries;

    public InterpreterGlossary(IGlossarySource source) => _source = source;

    private IReadOnlyDictionary<string, GlossEntry> Entries =>
        LazyInitializer.EnsureInitialized(ref _entries, BuildEntries);

    private IReadOnlyDictionary<string, GlossEntry> BuildEntries()
    {
        var map = new Dictionary<string, GlossEntry>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in _source.Load())
        {
            if (string.IsNullOrWhiteSpace(entry.Word))
            {
                continue;
            }

            // Prefer the national gloss over regional variants when both exist.
            if (!map.TryGetValue(entry.Word, out var existing) || (existing.RegionalVariant is not null && entry.RegionalVariant is null))
            {
                map[entry.Word.Trim()] = entry;
            }
        }

        return map;
    }

    public GlossEntry? Suggest(string word) =>
        Entries.TryGetValue(word.Trim(), out var entry) ? entry : null;

    public IReadOnlyList<GlossEntry> SuggestAll(string sentence)
    {
        var found = new List<GlossEntry>();
        foreach (var token in sentence.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var word = token.Trim('.', ',', '?', '!', ';', ':');
            if (Entries.TryGetValue(word, out var entry))
            {
                found.Add(entry);
            }
        }

        return found;
    }

    public int Count => Entries.Count;
}
