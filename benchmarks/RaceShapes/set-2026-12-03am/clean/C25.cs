using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Blind39.PuppetTheatre.BoxOffice;

public sealed record SeatQuote(string Show, string Seat, decimal Price, string Source);

public interface IDynamicPricing
{
    Task<decimal> QuoteAsync(string show, string seat, CancellationToken ct);
}

/// <summary>
/// Quotes seat prices for the puppet theatre's box office. The dynamic pricing service is
/// asked first; if it has not answered within the budget, the printed price list is used.
/// Registered as a singleton and called by every box-office and web request.
/// </summary>
public sealed class SeatQuoteService
{
    private readonly IDynamicPricing _dynamic;
    private readonly IReadOnlyDictionary<char, decimal> _printedPriceByRow;
    private readonly TimeSpan _budget;
    private long _quotes;
    private long _fallbacks;

    public SeatQuoteService(IDynamicPricing dynamic, IReadOnlyDictionary<char, decimal> printedPriceByRow, TimeSpan budget)
    {
        _dynamic = dynamic;
        _printedPriceByRow = printedPriceByRow;
        _budget = budget;
    }

    public long Quotes => Interlocked.Read(ref _quotes);

    public long Fallbacks => Interlocked.Read(ref _fallbacks);

    public async Task<SeatQuote> QuoteAsync(string show, string seat, CancellationToken ct)
    {
        Interlocked.Increment(ref _quotes);
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(ct);

        var dynamicQuote = _dynamic.QuoteAsync(show, seat, attempt.Token);
        var budget = Task.Delay(_budget, attempt.Token);
        var first = await Task.WhenAny(dynamicQuote, budget).ConfigureAwait(false);

        // stop whichever one is still running
        attempt.Cancel();

        if (first == dynamicQuote && dynamicQuote.IsCompletedSuccessfully)
            return new SeatQuote(show, seat, dynamicQuote.Result, "dynamic");

        ObserveLateFailure(dynamicQuote);
        ct.ThrowIfCancellationRequested();

        Interlocked.Increment(ref _fallbacks);
        return new SeatQuote(show, seat, PrintedPrice(seat), "price-list");
    }

    public Task<SeatQuote[]> QuoteRowAsync(string show, char row, int seats, CancellationToken ct) =>
        Task.WhenAll(Enumerable.Range(1, seats).Select(n => QuoteAsync(show, $"{row}{n}", ct)));

    private decimal PrintedPrice(string seat) =>
        seat.Length > 0 && _printedPriceByRow.TryGetValue(char.ToUpperInvariant(seat[0]), out var price) ? price : 12.50m;

    private static void ObserveLateFailure(Task task) =>
        task.ContinueWith(
            static t => _ = t.Exception,
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
}
