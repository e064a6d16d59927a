using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Storefront.Checkout
{
    public sealed record CartLine(string Sku, int Quantity, decimal UnitPrice);

    public sealed record AppliedPromotion(string Code, decimal Discount);

    public sealed record PricingResult(decimal Subtotal, decimal Discount, decimal Total, IReadOnlyList<AppliedPromotion> Promotions, IReadOnlyList<string> Messages);

    public sealed class PromotionRejectedException : Exception
    {
        public PromotionRejectedException(string reason) : base(reason)
        {
            Reason = reason;
        }

        public string Reason { get; }
    }

    public interface IPromotionEngine
    {
        Task<decimal> EvaluateAsync(string code, IReadOnlyList<CartLine> lines, CancellationToken cancellationToken);
    }

    /// <summary>
    /// Prices a cart at checkout. A new instance is created for each checkout
    /// request; all promotion codes entered by the shopper are evaluated
    /// against the promotion engine at the same time.
    /// </summary>
    public sealed class CheckoutPricing
    {
        private readonly IPromotionEngine _engine;
        private readonly object _appliedLock = new();
        private readonly List<AppliedPromotion> _applied = new();
        private readonly List<string> _messages = new();

        public CheckoutPricing(IPromotionEngine engine)
        {
            _engine = engine;
        }

        public async Task<PricingResult> PriceAsync(IReadOnlyList<CartLine> lines, IReadOnlyList<string> codes, CancellationToken cancellationToken)
        {
            decimal subtotal = lines.Sum(l => l.Quantity * l.UnitPrice);

            var distinctCodes = codes.Select(c => c.Trim().ToUpperInvariant()).Distinct().ToList();
            await Task.WhenAll(distinctCodes.Select(code => ApplyCodeAsync(code, lines, cancellationToken)));

            List<AppliedPromotion> applied;
            lock (_appliedLock)
            {
                applied = _applied.OrderByDescending(p => p.Discount).ToList();
            }

            decimal discount = Math.Min(subtotal, applied.Sum(p => p.Discount));
            return new PricingResult(subtotal, discount, subtotal - discount, applied, _messages.ToList());
        }

        private async Task ApplyCodeAsync(string code, IReadOnlyList<CartLine> lines, CancellationToken cancellationToken)
        {
            try
            {
                var discount = await _engine.EvaluateAsync(code, lines, cancellationToken).ConfigureAwait(false);
                if (discount <= 0m)
                    return;

                lock (_appliedLock)
                {
                    _applied.Add(new AppliedPromotion(code, discount));
                }
            }
            catch (PromotionRejectedException ex)
            {
                _messages.Add($"Code {code} could not be applied: {ex.Reason}");
            }
        }
    }
}
