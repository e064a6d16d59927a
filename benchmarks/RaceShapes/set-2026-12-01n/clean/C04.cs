namespace Localisation.Glossary;

public sealed record GlossaryTerm(string Locale, string Term, string ApprovedTranslation, bool Forbidden);

/// <summary>
/// Terminology glossary for a localisation project. Shared by every translator's editor
/// session for term highlighting, by the QA checker, and by the terminologist's admin page
/// that edits terms.
/// </summary>
public sealed class ProjectGlossary : IDisposable
{
    private readonly ReaderWriterLockSlim _rw = new(LockRecursionPolicy.NoRecursion);
    private readonly Dictionary<(string Locale, string Term), GlossaryTerm> _terms = new();

    public void Upsert(GlossaryTerm term)
    {
        _rw.EnterWriteLock();
        try
        {
            _terms[(term.Locale, term.Term.ToLowerInvariant())] = term;
        }
        finally
        {
            _rw.ExitWriteLock();
        }
    }

    public bool Remove(string locale, string term)
    {
        _rw.EnterWriteLock();
        try
        {
            return _terms.Remove((locale, term.ToLowerInvariant()));
        }
        finally
        {
            _rw.ExitWriteLock();
        }
    }

    public GlossaryTerm? Find(string locale, string term)
    {
        _rw.EnterReadLock();
        try
        {
            return _terms.TryGetValue((locale, term.ToLowerInvariant()), out var found) ? found : null;
        }
        finally
        {
            _rw.ExitReadLock();
        }
    }

    public IReadOnlyList<string> CheckSegment(string locale, string sourceText, string translation)
    {
        var issues = new List<string>();
        _rw.EnterReadLock();
        try
        {
            foreach (var ((termLocale, term), entry) in _terms)
            {
                if (termLocale != locale || !sourceText.Contains(term, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                if (entry.Forbidden)
                {
                    issues.Add($"'{entry.Term}' is on the do-not-translate list");
                }
                else if (!translation.Contains(entry.ApprovedTranslation, StringComparison.OrdinalIgnoreCase))
                {
                    issues.Add($"'{entry.Term}' should be rendered as '{entry.ApprovedTranslation}'");
                }
            }
        }
        finally
        {
            _rw.ExitReadLock();
        }
        return issues;
    }

    public void Dispose() => _rw.Dispose();
}
