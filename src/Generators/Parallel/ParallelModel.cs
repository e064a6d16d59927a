using Forklift.Generators.Common;
using Forklift.Shared;

namespace Forklift.Generators.Parallel;

// The pipeline's cached values. They hold only strings, enums, numbers and EquatableArray, never symbols, syntax or
// a Compilation: the generator compares them by value to decide whether a step's output changed, and a symbol would
// pin a whole compilation in memory and never compare equal across edits.

/// <summary>One type that needs a generated part: its methods, initializers and the codecs they use.</summary>
/// <param name="Namespace">The namespace, or <see langword="null"/> for the global namespace.</param>
/// <param name="FullName">The type's fully qualified name with <c>global::</c>.</param>
/// <param name="HintName">The file name: <c>&lt;Namespace&gt;.&lt;Type&gt;.Parallel.g.cs</c>.</param>
/// <param name="Declarations">The type and its containing types, outermost first.</param>
/// <param name="Methods">The valid [Parallel] methods, ordered by id.</param>
/// <param name="Initializers">The valid [WorkerInitializer] methods, ordered by id.</param>
/// <param name="Codecs">The codecs of all methods, without duplicates, ordered by name.</param>
internal sealed record ParallelTypeModel(
    string? Namespace,
    string FullName,
    string HintName,
    EquatableArray<TypeDeclarationModel> Declarations,
    EquatableArray<ParallelMethodModel> Methods,
    EquatableArray<WorkerInitializerModel> Initializers,
    EquatableArray<CodecModel> Codecs);

/// <summary>One partial declaration to reopen, e.g. <c>static partial class</c> + <c>Primes</c>.</summary>
internal sealed record TypeDeclarationModel(string Keywords, string Name);

/// <summary>Where a method lives: equal for every method of the same type, so they can be grouped.</summary>
internal sealed record ContainingTypeModel(
    string? Namespace,
    string FullName,
    string HintName,
    EquatableArray<TypeDeclarationModel> Declarations);

/// <summary>One valid <c>[Parallel]</c> method.</summary>
/// <param name="Type">The declaring type.</param>
/// <param name="Name">The user method's name.</param>
/// <param name="DescriptorName">The <c>ParallelMethod</c> field's name in the generated nested class.</param>
/// <param name="Accessibility">The user method's accessibility keywords, reused by the generated methods.</param>
/// <param name="Id">The stable id, e.g. <c>MyApp.Primes.Count(int, int)</c>.</param>
/// <param name="DisplayName">A short name, e.g. <c>Primes.Count</c>.</param>
/// <param name="Parameters">All parameters, in order.</param>
/// <param name="ReturnKind">How the worker awaits the result.</param>
/// <param name="ArgumentsType">The <c>TArgs</c> of the descriptor, as the user annotated it.</param>
/// <param name="ArgumentsCodec">The codec class of <c>TArgs</c>.</param>
/// <param name="ResultType">The <c>TResult</c> of the descriptor (<c>Unit</c> for no result).</param>
/// <param name="ResultCodec">The codec class of <c>TResult</c>.</param>
/// <param name="ProgressType">The <c>T</c> of an <c>IProgress&lt;T&gt;</c> parameter, or <see langword="null"/>.</param>
/// <param name="ProgressCodec">The codec class of <paramref name="ProgressType"/>, or <see langword="null"/>.</param>
/// <param name="Options">The attribute's options.</param>
/// <param name="Codecs">Every codec this method needs.</param>
internal sealed record ParallelMethodModel(
    ContainingTypeModel Type,
    string Name,
    string DescriptorName,
    string Accessibility,
    string Id,
    string DisplayName,
    EquatableArray<ParameterModel> Parameters,
    ParallelReturnKind ReturnKind,
    string ArgumentsType,
    string ArgumentsCodec,
    string ResultType,
    string ResultCodec,
    string? ProgressType,
    string? ProgressCodec,
    ParallelOptionsModel Options,
    EquatableArray<CodecModel> Codecs);

/// <summary>A parameter of a <c>[Parallel]</c> method.</summary>
/// <param name="Name">The name, escaped if it is a keyword.</param>
/// <param name="Type">The type as the user annotated it.</param>
/// <param name="Role">Whether it is sent, or replaced in the worker.</param>
/// <param name="DefaultValue">The default value as C# source (e.g. <c>10</c>, <c>"x"</c>, <c>1.5F</c>), kept on the generated call; or <see langword="null"/>.</param>
internal sealed record ParameterModel(string Name, string Type, ParallelParameterRole Role, string? DefaultValue = null);

/// <summary>The attribute's options; zero means "the pool's setting".</summary>
internal sealed record ParallelOptionsModel(int TimeoutMilliseconds, int ChunkSize, int MaxRetries, bool AcceptsCancellation)
{
    public bool IsDefault => TimeoutMilliseconds <= 0 && ChunkSize <= 0 && MaxRetries <= 0 && !AcceptsCancellation;
}

/// <summary>One valid <c>[WorkerInitializer]</c> method.</summary>
internal sealed record WorkerInitializerModel(
    ContainingTypeModel Type,
    string Name,
    string Id,
    ParallelReturnKind ReturnKind,
    bool TakesCancellationToken);

/// <summary>How a codec is written.</summary>
internal enum CodecKind
{
    /// <summary>The argument type of parameterless methods and the result of methods that return nothing.</summary>
    Unit,

    /// <summary>A type written by one PayloadWriter call (see <see cref="ValueModel"/>).</summary>
    Scalar,
    Array,
    List,
    ReadOnlyList,
    HashSet,
    Dictionary,
    ImmutableArray,
    Nullable,
    Tuple,
    Object,
}

/// <summary>One generated <c>ParallelCodec&lt;T&gt;</c> class.</summary>
/// <param name="Name">The class name, unique within the type.</param>
/// <param name="TypeName">The encoded type, fully qualified, without nullable annotations.</param>
/// <param name="Kind">How the body is written.</param>
/// <param name="IsReferenceType">Whether <see langword="null"/> must be encoded.</param>
/// <param name="Self">For <see cref="CodecKind.Scalar"/>: how to write the value itself.</param>
/// <param name="Elements">Element, key and value, nullable's underlying value, or tuple items.</param>
/// <param name="Members">For <see cref="CodecKind.Object"/>: constructor arguments in order, then initialized members.</param>
/// <param name="NewArray">For arrays: a format with <c>{0}</c> for the length, e.g. <c>new int[{0}][]</c>.</param>
/// <param name="RejectsDerivedTypes">
/// For <see cref="CodecKind.Object"/> of a class that is not sealed: only the declared type's members are encoded, so
/// writing an instance of a derived class would lose its own members; the codec throws instead.
/// </param>
/// <param name="Accessors">For <see cref="CodecKind.Object"/>: the <c>[UnsafeAccessor]</c> methods of its <see cref="ParallelMemberAccess.Field"/> members.</param>
/// <param name="ConstructsThroughAccessor">For <see cref="CodecKind.Object"/>: created by its non-public parameterless constructor.</param>
/// <param name="IsBlittable">The type crosses exactly as its bytes in memory (unmanaged, no <c>[NonSerialized]</c> field):
/// the codec says so, and a map copies a chunk of such values as one block.</param>
internal sealed record CodecModel(
    string Name,
    string TypeName,
    CodecKind Kind,
    bool IsReferenceType,
    ValueModel? Self,
    EquatableArray<ValueModel> Elements,
    EquatableArray<MemberModel> Members,
    string? NewArray,
    bool RejectsDerivedTypes,
    EquatableArray<FieldAccessorModel> Accessors = default,
    bool ConstructsThroughAccessor = false,
    bool IsBlittable = false);

/// <summary>
/// How to write one value: inline through a PayloadWriter method (<paramref name="Scalar"/>, with a cast for enums)
/// or through another codec (<paramref name="Codec"/>).
/// </summary>
/// <param name="TypeName">The value's type, fully qualified, without nullable annotations.</param>
/// <param name="Scalar">The PayloadWriter/PayloadReader method suffix, or <see langword="null"/>.</param>
/// <param name="EnumUnderlyingType">For enums: the underlying type to cast through.</param>
/// <param name="Codec">The codec class, when not written inline.</param>
internal sealed record ValueModel(string TypeName, string? Scalar, string? EnumUnderlyingType, string? Codec);

/// <summary>A member of a user type's codec.</summary>
/// <param name="Name">The member name, escaped if it is a keyword.</param>
/// <param name="Value">How the member's value is written.</param>
/// <param name="Access">Whether it is a constructor argument, an initializer or a field reached through an accessor.</param>
/// <param name="Accessor">For <see cref="ParallelMemberAccess.Field"/>: the accessor method's name.</param>
internal sealed record MemberModel(string Name, ValueModel Value, ParallelMemberAccess Access, string? Accessor = null);

/// <summary>
/// An <c>[UnsafeAccessor]</c> to one field: <c>static extern ref TField Name(TTarget target)</c> (with <c>ref TTarget</c>
/// for a struct). Reflection-free and AOT-safe; the runtime binds it by name on first call.
/// </summary>
/// <param name="MethodName">The accessor method's name, unique within the codec.</param>
/// <param name="FieldName">The field's metadata name, e.g. <c>balance</c> or <c>&lt;Version&gt;k__BackingField</c>.</param>
/// <param name="TargetType">The field's declaring type, fully qualified.</param>
/// <param name="TargetIsValueType">Whether the target is passed by reference.</param>
/// <param name="FieldType">The field's type, fully qualified.</param>
internal sealed record FieldAccessorModel(string MethodName, string FieldName, string TargetType, bool TargetIsValueType, string FieldType);
