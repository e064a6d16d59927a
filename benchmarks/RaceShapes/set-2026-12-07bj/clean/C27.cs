using System;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;

namespace Blind62.BloodBank.Auth
{
    public sealed record AccessToken(string Value, DateTimeOffset ExpiresAt);

    public interface ITokenEndpoint
    {
        Task<AccessToken> RequestAsync(CancellationToken cancellationToken);
    }

    /// <summary>
    /// Keeps a bearer token for the national blood-stock API and refreshes it shortly
    /// before expiry. Registered as a singleton; every outgoing request asks it for a
    /// token, but only one refresh is ever in flight.
    /// </summary>
    public sealed class StockApiTokenProvider
    {
        private static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(2);

        private readonly ITokenEndpoint _endpoint;
        private readonly SemaphoreSlim _refreshLock = new(1, 1);
        private AccessToken? _current;

        public StockApiTokenProvider(ITokenEndpoint endpoint)
        {
            _endpoint = endpoint;
        }

        public async ValueTask<string> GetTokenAsync(CancellationToken cancellationToken)
        {
            var token = Volatile.Read(ref _current);
            if (IsFresh(token))
            {
                return token!.Value;
            }

            await _refreshLock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                token = Volatile.Read(ref _current);
                if (!IsFresh(token))
                {
                    token = await _endpoint.RequestAsync(cancellationToken).ConfigureAwait(false);
                    Volatile.Write(ref _current, token);
                }

                return token!.Value;
            }
            finally
            {
                _refreshLock.Release();
            }
        }

        public void Invalidate() => Volatile.Write(ref _current, null);

        private static bool IsFresh(AccessToken? token) =>
            token is not null && token.ExpiresAt - DateTimeOffset.UtcNow > RefreshMargin;
    }

    /// <summary>Adds the bearer token to every request sent to the stock API.</summary>
    public sealed class StockApiAuthHandler : DelegatingHandler
    {
        private readonly StockApiTokenProvider _tokens;

        public StockApiAuthHandler(StockApiTokenProvider tokens)
        {
            _tokens = tokens;
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await _tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false));
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == System.Net.HttpStatusCode.Unauthorized)
            {
                _tokens.Invalidate();
            }

            return response;
        }
    }
}
