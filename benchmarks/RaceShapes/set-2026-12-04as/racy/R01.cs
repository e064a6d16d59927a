using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Blind45.HarbourPilots.Dispatch;

public sealed record IssuedToken(string Token, DateTimeOffset ExpiresAt);

public interface ITokenIssuer
{
    Task<IssuedToken> IssueAsync(string scope, CancellationToken ct);
}

public sealed record BoardingRequest(string VesselImo, string Berth, DateTimeOffset Eta, int DraughtDecimetres);

public sealed record BoardingConfirmation(string BookingId, string PilotName, DateTimeOffset BoardAt);

/// <summary>
/// Client for the port authority's pilot dispatch API. Registered as a singleton and
/// shared by every request handler and background job that books a pilot boarding.
/// </summary>
public sealed class PilotDispatchClient
{
    private static readonly TimeSpan RefreshSkew = TimeSpan.FromSeconds(30);

    private readonly HttpClient _http;
    private readonly ITokenIssuer _issuer;
    private readonly SemaphoreSlim _refreshGate = new(1, 1);

    private string? _accessToken;
    private DateTimeOffset _expiresAt = DateTimeOffset.MinValue;

    public PilotDispatchClient(HttpClient http, ITokenIssuer issuer)
    {
        _http = http;
        _issuer = issuer;
    }

    public async Task<BoardingConfirmation> BookBoardingAsync(BoardingRequest request, CancellationToken ct)
    {
        var token = await GetTokenAsync(ct).ConfigureAwait(false);

        using var message = new HttpRequestMessage(HttpMethod.Post, "api/v2/boardings")
        {
            Content = JsonContent.Create(request),
        };
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        using var response = await _http.SendAsync(message, ct).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Conflict)
        {
            throw new InvalidOperationException($"Berth {request.Berth} already has a pilot booked for that window.");
        }

        response.EnsureSuccessStatusCode();
        var confirmation = await response.Content
            .ReadFromJsonAsync<BoardingConfirmation>(cancellationToken: ct)
            .ConfigureAwait(false);
        return confirmation ?? throw new InvalidOperationException("Empty confirmation from dispatch.");
    }

    public async Task CancelBoardingAsync(string bookingId, CancellationToken ct)
    {
        var token = await GetTokenAsync(ct).ConfigureAwait(false);
        using var message = new HttpRequestMessage(HttpMethod.Delete, $"api/v2/boardings/{Uri.EscapeDataString(bookingId)}");
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await _http.SendAsync(message, ct).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.NotFound)
        {
            response.EnsureSuccessStatusCode();
        }
    }

    private async ValueTask<string> GetTokenAsync(CancellationToken ct)
    {
        // Fast path: most calls find a token that is still comfortably valid.
        if (_accessToken is { } cached && DateTimeOffset.UtcNow < _expiresAt - RefreshSkew)
        {
            return cached;
        }

        await _refreshGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_accessToken is { } current && DateTimeOffset.UtcNow < _expiresAt - RefreshSkew)
            {
                return current;
            }

            var issued = await _issuer.IssueAsync("dispatch.write", ct).ConfigureAwait(false);
            _accessToken = issued.Token;
            _expiresAt = issued.ExpiresAt;
            return issued.Token;
        }
        finally
        {
            _refreshGate.Release();
        }
    }
}
