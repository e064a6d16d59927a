namespace Blind64.PianoTuning.Partners
{
    public sealed record PartnerToken(string Value, DateTimeOffset ExpiresAt);

    public interface IPartnerAuthClient
    {
        Task<PartnerToken> FetchAsync(CancellationToken ct);
    }

    /// <summary>
    /// Caches the access token for the piano-dealer partner API and refreshes it when it is
    /// about to expire. Singleton shared by every outgoing request; at most one refresh runs
    /// at a time and callers that arrive during it wait for its result.
    /// </summary>
    public sealed class PartnerTokenCache : IDisposable
    {
        private static readonly TimeSpan Skew = TimeSpan.FromMinutes(1);
        private readonly IPartnerAuthClient _auth;
        private readonly SemaphoreSlim _refreshGate = new(1, 1);
        private readonly TimeProvider _time;
        private PartnerToken? _token;

        public PartnerTokenCache(IPartnerAuthClient auth, TimeProvider time)
        {
            _auth = auth;
            _time = time;
        }

        public async ValueTask<string> GetAsync(CancellationToken ct)
        {
            var current = Volatile.Read(ref _token);
            if (IsFresh(current))
            {
                return current!.Value;
            }

            await _refreshGate.WaitAsync(ct).ConfigureAwait(false);
            try
            {
                current = Volatile.Read(ref _token);
                if (IsFresh(current))
                {
                    return current!.Value;
                }

                var fetched = await _auth.FetchAsync(ct).ConfigureAwait(false);
                Volatile.Write(ref _token, fetched);
                return fetched.Value;
            }
            finally
            {
                _refreshGate.Release();
            }
        }

        public void Invalidate(string rejectedValue)
        {
            var current = Volatile.Read(ref _token);
            if (current is not null && current.Value == rejectedValue)
            {
                Interlocked.CompareExchange(ref _token, null, current);
            }
        }

        private bool IsFresh(PartnerToken? token) =>
            token is not null && token.ExpiresAt - Skew > _time.GetUtcNow();

        public void Dispose() => _refreshGate.Dispose();
    }

    /// <summary>Adds the partner token and retries once if the partner says it was revoked.</summary>
    public sealed class PartnerAuthHandler : DelegatingHandler
    {
        private readonly PartnerTokenCache _cache;

        public PartnerAuthHandler(PartnerTokenCache cache) => _cache = cache;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            var token = await _cache.GetAsync(ct).ConfigureAwait(false);
            request.Headers.Authorization = new("Bearer", token);
            var response = await base.SendAsync(request, ct).ConfigureAwait(false);
            if (response.StatusCode != System.Net.HttpStatusCode.Unauthorized || request.Content is not null)
            {
                return response;
            }

            response.Dispose();
            _cache.Invalidate(token);
            request.Headers.Authorization = new("Bearer", await _cache.GetAsync(ct).ConfigureAwait(false));
            return await base.SendAsync(request, ct).ConfigureAwait(false);
        }
    }
}
