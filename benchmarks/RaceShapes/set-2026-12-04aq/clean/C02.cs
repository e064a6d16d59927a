using System.Collections.Concurrent;

namespace Blind43.Apiary.EntryQuotas;

/// <summary>
/// Limits how many jars each exhibitor may enter per honey-show class. Shared by all
/// requests of the online entry form.
/// </summary>
public sealed class ExhibitorEntryQuota
{
    private readonly ConcurrentDictionary<(string Exhibitor, string ShowClass), int> _entries = new();
    private readonly int _maxPerClass;

    public ExhibitorEntryQuota(int maxPerClass) => _maxPerClass = maxPerClass;

    public bool TryReserve(string exhibitor, string showClass, int jars)
    {
        var key = (exhibitor, showClass);
        while (true)
        {
            if (_entries.TryGetValue(key, out var current))
            {
                var next = current + jars;
                if (next > _maxPerClass)
                {
                    return false;
                }

                if (_entries.TryUpdate(key, next, current))
                {
                    return true;
                }
            }
            else
            {
                if (jars > _maxPerClass)
                {
                    return false;
                }

                if (_entries.TryAdd(key, jars))
                {
                    return true;
                }
            }
        }
    }

    public void Release(string exhibitor, string showClass, int jars)
    {
        var key = (exhibitor, showClass);
        while (_entries.TryGetValue(key, out var current))
        {
            var next = Math.Max(0, current - jars);
            if (_entries.TryUpdate(key, next, current))
            {
                return;
            }
        }
    }

    public int Used(string exhibitor, string showClass) =>
        _entries.TryGetValue((exhibitor, showClass), out var used) ? used : 0;

    public IReadOnlyDictionary<string, int> TotalsByExhibitor() =>
        _entries.ToArray()
            .GroupBy(kv => kv.Key.Exhibitor)
            .ToDictionary(g => g.Key, g => g.Sum(kv => kv.Value));
}

/// <summary>Entry-form endpoint: one call per submitted form.</summary>
public sealed class EntryFormHandler
{
    private readonly ExhibitorEntryQuota _quota;

    public EntryFormHandler(ExhibitorEntryQuota quota) => _quota = quota;

    public async Task<IReadOnlyList<string>> SubmitAsync(string exhibitor, IReadOnlyDictionary<string, int> jarsByClass)
    {
        var results = await Task.WhenAll(jarsByClass.Select(kv => Task.Run(() =>
            _quota.TryReserve(exhibitor, kv.Key, kv.Value)
                ? $"{kv.Key}: accepted"
                : $"{kv.Key}: over the limit"))).ConfigureAwait(false);
        return results;
    }
}
