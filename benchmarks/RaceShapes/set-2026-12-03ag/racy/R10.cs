using System.Globalization;

namespace KayakRental.Pricing;

/// <summary>
/// Builds price quotes for the booking API. Registered with
/// <c>services.AddSingleton&lt;RentalQuoteService&gt;()</c> and injected into the
/// quote and checkout controllers.
/// </summary>
public sealed class RentalQuoteService
{
    private readonly IReadOnlyDictionary<string, decimal> _hourlyRates;
    private readonly decimal _lifeJacketFee;
    private readonly decimal _memberDiscount;

    // Reused between quotes to keep the hot path allocation-free.
    private readonly QuoteBreakdown _scratch = new();

    public RentalQuoteService(IReadOnlyDictionary<string, decimal> hourlyRates, decimal lifeJacketFee, decimal memberDiscount)
    {
        _hourlyRates = hourlyRates;
        _lifeJacketFee = lifeJacketFee;
        _memberDiscount = memberDiscount;
    }

    public string Quote(string boatType, int hours, int lifeJackets, bool member)
    {
        if (!_hourlyRates.TryGetValue(boatType, out var rate))
        {
            throw new ArgumentException($"Unknown boat type '{boatType}'", nameof(boatType));
        }

        _scratch.Base = rate * hours;
        _scratch.Extras = lifeJackets * _lifeJacketFee;
        _scratch.Discount = member ? Math.Round(_scratch.Base * _memberDiscount, 2) : 0m;
        _scratch.Total = _scratch.Base + _scratch.Extras - _scratch.Discount;

        return Format(boatType, hours, _scratch);
    }

    private static string Format(string boatType, int hours, QuoteBreakdown q)
    {
        var culture = CultureInfo.GetCultureInfo("en-GB");
        return string.Create(culture,
            $"{boatType} x {hours}h: base {q.Base:C}, extras {q.Extras:C}, discount -{q.Discount:C}, total {q.Total:C}");
    }

    private sealed class QuoteBreakdown
    {
        public decimal Base;
        public decimal Extras;
        public decimal Discount;
        public decimal Total;
    }
}

public sealed class QuoteEndpoint
{
    private readonly RentalQuoteService _quotes;

    public QuoteEndpoint(RentalQuoteService quotes) => _quotes = quotes;

    public Task<string> HandleAsync(string boatType, int hours, int lifeJackets, bool member) =>
        Task.FromResult(_quotes.Quote(boatType, hours, lifeJackets, member));
}
