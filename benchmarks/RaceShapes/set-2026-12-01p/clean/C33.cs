using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Blind16.Bookbinding.Quotes;

public sealed record QuoteRequest(string RequestId, int Pages, string Cover, int Copies, bool GoldTooling);

public sealed record Quote(string RequestId, decimal UnitPrice, decimal Total, int LeadTimeDays);

public interface IMaterialPriceClient
{
    Task<decimal> CoverPricePerBookAsync(string cover, CancellationToken ct);
}

/// <summary>
/// Reports how many quotes in a batch are done. Shared by all the pricing workers.
/// </summary>
public sealed class QuoteProgress : IProgress<int>
{
    private readonly int _total;
    private readonly Action<string> _status;
    private int _done;

    public QuoteProgress(int total, Action<string> status)
    {
        _total = total;
        _status = status;
    }

    public void Report(int completed)
    {
        var done = Interlocked.Add(ref _done, completed);
        _status($"Priced {done}/{_total}");
    }
}

/// <summary>
/// Prices a batch of hand-binding quote requests from the workshop's enquiry inbox.
/// </summary>
public sealed class QuoteBatchPricer
{
    private readonly IMaterialPriceClient _materials;

    public QuoteBatchPricer(IMaterialPriceClient materials) => _materials = materials;

    public async Task<IReadOnlyList<Quote>> PriceAsync(IReadOnlyList<QuoteRequest> requests, IProgress<int>? progress, CancellationToken ct)
    {
        var quotes = new Quote[requests.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct };

        await Parallel.ForEachAsync(Enumerable.Range(0, requests.Count), options, async (index, token) =>
        {
            var request = requests[index];
            var cover = await _materials.CoverPricePerBookAsync(request.Cover, token).ConfigureAwait(false);

            var sewing = 0.04m * request.Pages;
            var tooling = request.GoldTooling ? 18.50m : 0m;
            var unit = decimal.Round(cover + sewing + tooling + 12m, 2);
            var discount = request.Copies >= 10 ? 0.9m : 1.0m;
            var lead = 7 + request.Copies / 5 + (request.GoldTooling ? 3 : 0);

            quotes[index] = new Quote(request.RequestId, unit, decimal.Round(unit * request.Copies * discount, 2), lead);
            progress?.Report(1);
        }).ConfigureAwait(false);

        return quotes;
    }
}
