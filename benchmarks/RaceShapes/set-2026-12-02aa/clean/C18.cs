namespace Blind27.BeePollination.Contracts;

public sealed record HiveVisitLog(string ContractId, string HiveId, int ForagerVisits, double HectaresCovered);

public sealed record ContractInvoice(string ContractId, int Hives, long Visits, double Hectares, decimal Amount);

/// <summary>
/// Computes end-of-bloom invoices for pollination contracts from the hive visit logs.
/// </summary>
public sealed class PollinationInvoicer
{
    private readonly decimal _ratePerHive;
    private readonly decimal _ratePerHectare;

    public PollinationInvoicer(decimal ratePerHive, decimal ratePerHectare)
    {
        _ratePerHive = ratePerHive;
        _ratePerHectare = ratePerHectare;
    }

    private sealed class Partial
    {
        public readonly Dictionary<string, (HashSet<string> Hives, long Visits, double Hectares)> ByContract = new();
    }

    public IReadOnlyList<ContractInvoice> Invoice(IEnumerable<HiveVisitLog> logs)
    {
        var merged = new Dictionary<string, (HashSet<string> Hives, long Visits, double Hectares)>();
        var mergeLock = new object();

        Parallel.ForEach(
            logs,
            () => new Partial(),
            (log, _, partial) =>
            {
                if (!partial.ByContract.TryGetValue(log.ContractId, out var acc))
                {
                    acc = (new HashSet<string>(), 0, 0);
                }

                acc.Hives.Add(log.HiveId);
                partial.ByContract[log.ContractId] = (acc.Hives, acc.Visits + log.ForagerVisits, acc.Hectares + log.HectaresCovered);
                return partial;
            },
            partial =>
            {
                lock (mergeLock)
                {
                    foreach (var (contract, acc) in partial.ByContract)
                    {
                        if (merged.TryGetValue(contract, out var existing))
                        {
                            existing.Hives.UnionWith(acc.Hives);
                            merged[contract] = (existing.Hives, existing.Visits + acc.Visits, existing.Hectares + acc.Hectares);
                        }
                        else
                        {
                            merged[contract] = acc;
                        }
                    }
                }
            });

        return merged
            .Select(kv => new ContractInvoice(
                kv.Key,
                kv.Value.Hives.Count,
                kv.Value.Visits,
                kv.Value.Hectares,
                kv.Value.Hives.Count * _ratePerHive + (decimal)kv.Value.Hectares * _ratePerHectare))
            .OrderBy(i => i.ContractId)
            .ToList();
    }
}
