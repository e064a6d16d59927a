namespace CourtFiling.Dockets;

public sealed record DocketEntry(int Sequence, string CaseNumber, string Title, string FiledBy, DateTime FiledUtc);

/// <summary>
/// Tracks open cases and their docket entries for the e-filing portal. One instance is
/// shared by the portal's request handlers and the clerk's desk application, which call
/// its members concurrently.
/// </summary>
public sealed class DocketRegistry
{
    private readonly object _filingLock = new();
    private readonly object _caseLock = new();
    private readonly Dictionary<string, List<DocketEntry>> _docket = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Called by the clerk's desk when a new case is accepted.</summary>
    public void OpenCase(string caseNumber)
    {
        lock (_caseLock)
        {
            _docket.Add(caseNumber, new List<DocketEntry>());
        }
    }

    /// <summary>Called by the clerk's desk when a case is sealed by order of the court.</summary>
    public bool SealCase(string caseNumber)
    {
        lock (_caseLock)
        {
            return _docket.Remove(caseNumber);
        }
    }

    /// <summary>Called by the portal when a party files a document.</summary>
    public DocketEntry FileDocument(string caseNumber, string title, string filedBy)
    {
        lock (_filingLock)
        {
            if (!_docket.TryGetValue(caseNumber, out var entries))
            {
                throw new InvalidOperationException($"Case {caseNumber} is not open for filing.");
            }

            var entry = new DocketEntry(entries.Count + 1, caseNumber, title, filedBy, DateTime.UtcNow);
            entries.Add(entry);
            return entry;
        }
    }

    public IReadOnlyList<DocketEntry> GetDocket(string caseNumber)
    {
        lock (_filingLock)
        {
            return _docket.TryGetValue(caseNumber, out var entries)
                ? entries.ToArray()
                : Array.Empty<DocketEntry>();
        }
    }
}

/// <summary>
/// Portal endpoint that accepts electronic filings.
/// </summary>
public sealed class FilingEndpoint
{
    private readonly DocketRegistry _registry;

    public FilingEndpoint(DocketRegistry registry) => _registry = registry;

    public Task<int> SubmitAsync(string caseNumber, string title, string filer) =>
        Task.Run(() => _registry.FileDocument(caseNumber, title, filer).Sequence);
}
