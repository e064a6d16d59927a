namespace Forklift.Orleans.Protocol;

/// <summary>
/// A node's answer as bytes: byte 0 is the <see cref="EnvelopeStatus"/>, the rest the result bytes, the
/// <see cref="CallErrorCodec"/> bytes of the failure, or (not accepted) a UTF-8 reason. Failures travel as data, never
/// as Orleans exceptions, because Orleans can only carry exception types it has codecs for.
/// </summary>
internal static class Envelope
{
    public static byte[] Ok(byte[] result) => Wrap(EnvelopeStatus.Ok, result);

    public static byte[] Error(Exception exception) => Wrap(EnvelopeStatus.Error, CallErrorCodec.Encode(exception));

    /// <summary>The node did not run the call (it is draining): the caller sends it elsewhere, whatever its retries.</summary>
    public static byte[] NotAccepted(string reason) => Wrap(EnvelopeStatus.NotAccepted, System.Text.Encoding.UTF8.GetBytes(reason));

    public static EnvelopeStatus Status(byte[] envelope) => envelope.Length == 0 ? (EnvelopeStatus)0 : (EnvelopeStatus)envelope[0];

    public static ReadOnlySpan<byte> Body(byte[] envelope) => envelope.AsSpan(1);

    private static byte[] Wrap(EnvelopeStatus status, byte[] body)
    {
        byte[] envelope = new byte[body.Length + 1];
        envelope[0] = (byte)status;
        body.CopyTo(envelope, 1);
        return envelope;
    }
}

internal enum EnvelopeStatus : byte
{
    Ok = 1,
    Error = 2,
    NotAccepted = 3,
}
