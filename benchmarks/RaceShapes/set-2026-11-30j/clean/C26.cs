using System.Security.Cryptography;
using System.Text.Json;

namespace Blind10.Api.OpenApi;

public sealed record EndpointDescription(string Method, string Route, string Summary, string[] Tags);

public sealed class CachedDocument
{
    public CachedDocument(byte[] json, string etag)
    {
        Json = json;
        ETag = etag;
    }

    public byte[] Json { get; }
    public string ETag { get; }
}

/// <summary>
/// Serves the OpenAPI document. The endpoint set is fixed once the application has started,
/// so the document is rendered on first request and then reused.
/// </summary>
public sealed class OpenApiDocumentProvider
{
    private readonly IReadOnlyList<EndpointDescription> _endpoints;
    private readonly string _title;
    private readonly string _version;
    private CachedDocument? _cached;

    public OpenApiDocumentProvider(IEnumerable<EndpointDescription> endpoints, string title, string version)
    {
        _endpoints = endpoints.ToArray();
        _title = title;
        _version = version;
    }

    public CachedDocument GetDocument()
    {
        var cached = Volatile.Read(ref _cached);
        if (cached is not null)
        {
            return cached;
        }

        var built = Render();
        return Interlocked.CompareExchange(ref _cached, built, null) ?? built;
    }

    public (int Status, byte[]? Body, string ETag) Handle(string? ifNoneMatch)
    {
        var document = GetDocument();
        return ifNoneMatch == document.ETag ? (304, null, document.ETag) : (200, document.Json, document.ETag);
    }

    private CachedDocument Render()
    {
        var paths = _endpoints
            .GroupBy(e => e.Route)
            .ToDictionary(
                g => g.Key,
                g => g.ToDictionary(e => e.Method.ToLowerInvariant(), e => new { summary = e.Summary, tags = e.Tags }));

        var json = JsonSerializer.SerializeToUtf8Bytes(new
        {
            openapi = "3.0.3",
            info = new { title = _title, version = _version },
            paths,
        });
        var etag = "\"" + Convert.ToHexString(SHA256.HashData(json))[..16] + "\"";
        return new CachedDocument(json, etag);
    }
}
