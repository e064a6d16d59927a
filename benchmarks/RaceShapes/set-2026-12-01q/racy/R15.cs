namespace Philately.Appraisal
{
    public sealed record CatalogueEntry(string CatalogueNumber, string Country, int Year, decimal MintValue, decimal UsedValue);

    public enum StampCondition
    {
        Mint,
        LightlyHinged,
        Used,
        Damaged,
    }

    public interface ICatalogueSource
    {
        IEnumerable<CatalogueEntry> ReadAll();
    }

    /// <summary>
    /// Values stamps against the loaded price catalogue. Registered as a
    /// singleton in the appraisal API; each incoming valuation request calls
    /// <see cref="Appraise"/> on a request thread.
    /// </summary>
    public sealed class StampAppraiser
    {
        private readonly ICatalogueSource _source;
        private Dictionary<string, CatalogueEntry>? _catalogue;

        public StampAppraiser(ICatalogueSource source) => _source = source;

        public decimal? Appraise(string catalogueNumber, StampCondition condition)
        {
            var catalogue = GetCatalogue();
            if (!catalogue.TryGetValue(catalogueNumber, out var entry))
            {
                return null;
            }

            return condition switch
            {
                StampCondition.Mint => entry.MintValue,
                StampCondition.LightlyHinged => Math.Round(entry.MintValue * 0.6m, 2),
                StampCondition.Used => entry.UsedValue,
                _ => Math.Round(entry.UsedValue * 0.1m, 2),
            };
        }

        public decimal AppraiseCollection(IEnumerable<(string Number, StampCondition Condition)> stamps)
        {
            decimal total = 0;
            foreach (var (number, condition) in stamps)
            {
                total += Appraise(number, condition) ?? 0m;
            }
            return total;
        }

        private Dictionary<string, CatalogueEntry> GetCatalogue()
        {
            if (_catalogue is null)
            {
                _catalogue = new Dictionary<string, CatalogueEntry>(StringComparer.OrdinalIgnoreCase);
                foreach (var entry in _source.ReadAll())
                {
                    _catalogue[entry.CatalogueNumber] = entry;
                }
            }

            return _catalogue;
        }
    }

    /// <summary>
    /// Request handler for the "value my album" endpoint.
    /// </summary>
    public sealed class AlbumValuationHandler
    {
        private readonly StampAppraiser _appraiser;

        public AlbumValuationHandler(StampAppraiser appraiser) => _appraiser = appraiser;

        public Task<decimal> HandleAsync(IReadOnlyList<(string Number, StampCondition Condition)> album, CancellationToken ct)
        {
            ct.ThrowIfCancellationRequested();
            return Task.FromResult(_appraiser.AppraiseCollection(album));
        }
    }
}
