namespace Orchestra.Rehearsals;

public sealed class PartDistributedEventArgs : EventArgs
{
    public PartDistributedEventArgs(string section, string musician, string partFile)
    {
        Section = section;
        Musician = musician;
        PartFile = partFile;
    }

    public string Section { get; }
    public string Musician { get; }
    public string PartFile { get; }
}

/// <summary>
/// Emails sheet-music parts to every musician before a rehearsal. Sections are sent
/// on separate tasks so a slow mail server for one section doesn't hold up the rest.
/// </summary>
public sealed class PartDistributor
{
    public event EventHandler<PartDistributedEventArgs>? PartDistributed;

    public Task DistributeAsync(IReadOnlyDictionary<string, IReadOnlyList<string>> sections, Func<string, string, Task<string>> send)
    {
        return Task.WhenAll(sections.Select(section => Task.Run(async () =>
        {
            foreach (var musician in section.Value)
            {
                var file = await send(section.Key, musician);
                PartDistributed?.Invoke(this, new PartDistributedEventArgs(section.Key, musician, file));
            }
        })));
    }
}

/// <summary>
/// Keeps the librarian's checklist of which parts have gone out.
/// </summary>
public sealed class LibrarianChecklist
{
    private readonly object _gate = new();
    private readonly SortedDictionary<string, List<string>> _sent = new(StringComparer.Ordinal);

    public LibrarianChecklist(PartDistributor distributor)
    {
        distributor.PartDistributed += OnPartDistributed;
    }

    private void OnPartDistributed(object? sender, PartDistributedEventArgs e)
    {
        lock (_gate)
        {
            if (!_sent.TryGetValue(e.Section, out var musicians))
            {
                musicians = new List<string>();
                _sent.Add(e.Section, musicians);
            }
            musicians.Add(e.Musician);
        }
    }

    public string Render()
    {
        lock (_gate)
        {
            return string.Join(Environment.NewLine,
                _sent.Select(p => $"{p.Key}: {p.Value.Count} parts ({string.Join(", ", p.Value.OrderBy(m => m))})"));
        }
    }
}

public static class RehearsalPrep
{
    public static async Task<string> RunAsync(IReadOnlyDictionary<string, IReadOnlyList<string>> sections, Func<string, string, Task<string>> send)
    {
        var distributor = new PartDistributor();
        var checklist = new LibrarianChecklist(distributor);
        await distributor.DistributeAsync(sections, send);
        return checklist.Render();
    }
}
