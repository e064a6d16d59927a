using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Blind55.Clean.C12;

/// <summary>
/// Reassembles a wedding photographer's RAW archive uploaded in fixed-size chunks. Chunks are sent
/// in parallel by the uploader, so they arrive out of order on different requests.
/// </summary>
public sealed class ChunkedUpload
{
    private readonly object _gate = new();
    private readonly byte[] _buffer;
    private readonly bool[] _received;
    private readonly int _chunkSize;
    private int _chunksReceived;
    private long _bytesReceived;

    public ChunkedUpload(long totalBytes, int chunkSize)
    {
        _buffer = new byte[totalBytes];
        _chunkSize = chunkSize;
        _received = new bool[(int)((totalBytes + chunkSize - 1) / chunkSize)];
    }

    public double Progress
    {
        get { lock (_gate) return (double)_bytesReceived / _buffer.Length; }
    }

    public bool AcceptChunk(int index, ReadOnlySpan<byte> data)
    {
        lock (_gate)
        {
            if (index < 0 || index >= _received.Length || _received[index])
            {
                return false;
            }

            data.CopyTo(_buffer.AsSpan(index * _chunkSize));
            _received[index] = true;
            _chunksReceived++;
            _bytesReceived += data.Length;
            return true;
        }
    }

    /// <summary>Returns a copy of the archive once every chunk is in.</summary>
    public byte[]? TryAssemble()
    {
        lock (_gate)
        {
            return _chunksReceived == _received.Length ? (byte[])_buffer.Clone() : null;
        }
    }
}

public static class RawUploadEndpoints
{
    private static readonly ConcurrentDictionary<Guid, ChunkedUpload> Uploads = new();

    public static void MapRawUploads(this IEndpointRouteBuilder app)
    {
        app.MapPost("/shoots/uploads", (long size) =>
        {
            var id = Guid.NewGuid();
            Uploads[id] = new ChunkedUpload(size, 4 * 1024 * 1024);
            return Results.Ok(id);
        });

        app.MapPut("/shoots/uploads/{id:guid}/chunks/{index:int}", async (Guid id, int index, HttpRequest request) =>
        {
            if (!Uploads.TryGetValue(id, out var upload))
            {
                return Results.NotFound();
            }

            using var ms = new MemoryStream();
            await request.Body.CopyToAsync(ms);
            return upload.AcceptChunk(index, ms.GetBuffer().AsSpan(0, (int)ms.Length))
                ? Results.Accepted()
                : Results.Conflict();
        });

        app.MapGet("/shoots/uploads/{id:guid}", (Guid id) =>
            Uploads.TryGetValue(id, out var upload)
                ? Results.Ok(new { progress = upload.Progress })
                : Results.NotFound());
    }
}
