using System.Security.Cryptography;
using System.Text;

namespace Library.Ebooks.Audit;

public sealed record LicenceToken(string TokenId, string TitleId, string PatronId, byte[] Signature);

/// <summary>
/// Offline audit that re-verifies every issued e-book licence token against the
/// publisher signing keys. Splits the tokens across a few dedicated threads.
/// </summary>
public sealed class LicenceSignatureAudit
{
    private readonly byte[][] _publisherKeys;
    private LicenceToken[] _tokens = Array.Empty<LicenceToken>();
    private bool[] _valid = Array.Empty<bool>();

    public LicenceSignatureAudit(IEnumerable<byte[]> publisherKeys)
    {
        _publisherKeys = publisherKeys.ToArray();
    }

    public IReadOnlyList<string> FindInvalid(IReadOnlyList<LicenceToken> tokens, int threadCount = 4)
    {
        _tokens = tokens.ToArray();
        _valid = new bool[_tokens.Length];

        var threads = new Thread[threadCount];
        for (var t = 0; t < threadCount; t++)
        {
            var worker = t;
            threads[t] = new Thread(() => VerifyStripe(worker, threadCount)) { Name = $"licence-audit-{worker}" };
        }

        foreach (var thread in threads)
        {
            thread.Start();
        }

        foreach (var thread in threads)
        {
            thread.Join();
        }

        var invalid = new List<string>();
        for (var i = 0; i < _tokens.Length; i++)
        {
            if (!_valid[i])
            {
                invalid.Add(_tokens[i].TokenId);
            }
        }

        return invalid;
    }

    private void VerifyStripe(int worker, int stride)
    {
        for (var i = worker; i < _tokens.Length; i += stride)
        {
            var token = _tokens[i];
            var payload = Encoding.UTF8.GetBytes($"{token.TokenId}|{token.TitleId}|{token.PatronId}");
            _valid[i] = _publisherKeys.Any(key =>
                CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(key, payload), token.Signature));
        }
    }
}
