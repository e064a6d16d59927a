using System.Reflection;
using System.Runtime.InteropServices;

namespace Storage.Client;

/// <summary>
/// Builds the headers common to every request the storage SDK sends. One
/// instance lives inside the shared client and is used by all concurrent
/// operations.
/// </summary>
public sealed class RequestHeaderBuilder
{
    private readonly string _applicationId;
    private readonly string _apiVersion;
    private string? _userAgent;

    public RequestHeaderBuilder(string applicationId, string apiVersion)
    {
        _applicationId = applicationId;
        _apiVersion = apiVersion;
    }

    public void Apply(HttpRequestMessage request)
    {
        request.Headers.TryAddWithoutValidation("User-Agent", GetUserAgent());

        request.Headers.TryAddWithoutValidation("x-ms-version", _apiVersion);
        request.Headers.TryAddWithoutValidation("x-ms-client-request-id", Guid.NewGuid().ToString());
    }

    public string GetUserAgent()
    {
        var cached = Volatile.Read(ref _userAgent);
        if (cached != null)
        {
            return cached;
        }

        var computed = BuildUserAgent();
        return Interlocked.CompareExchange(ref _userAgent, computed, null) ?? computed;
    }

    private string BuildUserAgent()
    {
        var assembly = typeof(RequestHeaderBuilder).Assembly;
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString()
            ?? "0.0.0";

        var plus = version.IndexOf('+');
        if (plus >= 0)
        {
            version = version[..plus];
        }

        var framework = RuntimeInformation.FrameworkDescription.Replace(' ', '/');
        return $"{_applicationId} storage-dotnet/{version} {framework}";
    }
}
