namespace Blind64.PianoTuning.Booking
{
    public sealed record AccessToken(string Value, DateTimeOffset ExpiresAt);

    public interface ITokenEndpoint
    {
        Task<AccessToken> RequestAsync(CancellationToken ct);
    }

    /// <summary>
    /// Supplies bearer tokens for the tuner-booking partner API. Registered as a singleton
    /// and used by every outgoing request; concurrent callers that find the token expired
    /// share a single refresh.
    /// </summary>
    public sealed class BookingTokenProvider
    {
        private static readonly TimeSpan Skew = TimeSpan.FromSeconds(30);
        private readonly ITokenEndpoint _endpoint;
        private volatile AccessToken? _current;
        private Task<AccessToken>? _refreshing;

        public BookingTokenProvider(ITokenEndpoint endpoint) => _endpoint = endpoint;

        public Task<AccessToken> GetTokenAsync(CancellationToken ct)
        {
            var token = _current;
            if (token is not null && token.ExpiresAt - Skew > DateTimeOffset.UtcNow)
            {
                return Task.FromResult(token);
            }

            var pending = _refreshing;
            if (pending is null || pending.IsCompleted)
            {
                pending = RefreshAsync();
                _refreshing = pending;
            }

            return pending.WaitAsync(ct);
        }

        private async Task<AccessToken> RefreshAsync()
        {
            var fresh = await _endpoint.RequestAsync(CancellationToken.None).ConfigureAwait(false);
            _current = fresh;
            return fresh;
        }
    }

    /// <summary>Attaches the partner token to each outgoing booking request.</summary>
    public sealed class BookingAuthHandler : DelegatingHandler
    {
        private readonly BookingTokenProvider _tokens;

        public BookingAuthHandler(BookingTokenProvider tokens) => _tokens = tokens;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var token = await _tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token.Value);
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
    }
}
