using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;

namespace Blind16.CampusPrinting.Quotas;

public sealed record PrintQuota(string StudentId, int PagesAllowed, int PagesUsed)
{
    public int Remaining => PagesAllowed - PagesUsed;
}

/// <summary>
/// Per-student print quotas for the campus print release stations. Registered as a
/// singleton; the print release stations, the top-up web page and the admin
/// reports all call into it at the same time.
/// </summary>
public sealed class PrintQuotaService
{
    private ImmutableDictionary<string, PrintQuota> _quotas =
        ImmutableDictionary.Create<string, PrintQuota>(StringComparer.OrdinalIgnoreCase);

    public void SetAllowance(string studentId, int pagesAllowed)
    {
        ImmutableInterlocked.AddOrUpdate(
            ref _quotas,
            studentId,
            id => new PrintQuota(id, pagesAllowed, 0),
            (_, existing) => existing with { PagesAllowed = pagesAllowed });
    }

    public void TopUp(string studentId, int extraPages)
    {
        ImmutableInterlocked.AddOrUpdate(
            ref _quotas,
            studentId,
            id => new PrintQuota(id, extraPages, 0),
            (_, existing) => existing with { PagesAllowed = existing.PagesAllowed + extraPages });
    }

    /// <summary>
    /// Charges a print job. Returns false without charging if the student lacks pages.
    /// </summary>
    public bool TryCharge(string studentId, int pages)
    {
        while (true)
        {
            var snapshot = Volatile.Read(ref _quotas);
            if (!snapshot.TryGetValue(studentId, out var quota) || quota.Remaining < pages)
            {
                return false;
            }

            var updated = snapshot.SetItem(studentId, quota with { PagesUsed = quota.PagesUsed + pages });
            if (Interlocked.CompareExchange(ref _quotas, updated, snapshot) == snapshot)
            {
                return true;
            }
        }
    }

    public PrintQuota? Get(string studentId) =>
        Volatile.Read(ref _quotas).TryGetValue(studentId, out var q) ? q : null;

    public ImmutableArray<PrintQuota> NearlyExhausted(int threshold = 20) =>
        Volatile.Read(ref _quotas).Values
            .Where(q => q.Remaining <= threshold)
            .OrderBy(q => q.Remaining)
            .ToImmutableArray();

    public void ResetTerm() =>
        ImmutableInterlocked.Update(ref _quotas, q => q.Clear());
}
