namespace Blind36.YakWool.Buyers;

public sealed record WoolQuote(string Buyer, decimal PerKilo, int DaysToCollect);

public interface IWoolBuyer
{
    string Name { get; }
    Task<WoolQuote> QuoteAsync(string grade, double kilos, CancellationToken ct);
}

/// <summary>
/// Asks the co-operative's regular buyers for quotes on a fibre lot and takes the best
/// one that arrives before the market deadline.
/// </summary>
public sealed class QuoteCollector
{
    private readonly IReadOnlyList<IWoolBuyer> _buyers;

    public QuoteCollector(IReadOnlyList<IWoolBuyer> buyers) => _buyers = buyers;

    public async Task<(WoolQuote? Best, int Received, int Failed)> CollectAsync(
        string grade, double kilos, TimeSpan deadline, CancellationToken ct)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var pending = _buyers.Select(b => b.QuoteAsync(grade, kilos, cts.Token)).ToList();
        var timeout = Task.Delay(deadline, cts.Token);

        WoolQuote? best = null;
        int received = 0, failed = 0;

        while (pending.Count > 0)
        {
            var finished = await Task.WhenAny(pending.Append(timeout)).ConfigureAwait(false);
            if (finished == timeout)
                break;

            var quoteTask = (Task<WoolQuote>)finished;
            pending.Remove(quoteTask);

            if (quoteTask.IsCompletedSuccessfully)
            {
                received++;
                var q = quoteTask.Result;
                if (best is null || q.PerKilo > best.PerKilo ||
                    (q.PerKilo == best.PerKilo && q.DaysToCollect < best.DaysToCollect))
                    best = q;
            }
            else
            {
                failed++;
            }
        }

        // Stop the stragglers and the deadline timer.
        cts.Cancel();
        try
        {
            await Task.WhenAll(pending).ConfigureAwait(false);
        }
        catch
        {
            // Late quotes are not used.
        }

        return (best, received, failed);
    }
}
