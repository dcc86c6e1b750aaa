using System.Buffers.Binary;
using System.Text;

namespace InstructGpt.Safetensors.Tests.Loader;

/// <summary>
/// Just enough of a little-endian ELF64 shared library, read from the System V ABI and the GNU symbol-versioning spec
/// (independently of build/patch-libtorchsharp-glibcxx.py, which these tests check): section headers, the version
/// requirements (.gnu.version_r) and the dynamic symbols with their version indices (.dynsym, .gnu.version).
/// </summary>
internal sealed class ElfImage
{
    public const uint ShtDynsym = 11;
    public const uint ShtGnuVersym = 0x6FFFFFFF;
    public const uint ShtGnuVerneed = 0x6FFFFFFE;
    public const int StbWeak = 2;

    public sealed record Section(uint Type, long Offset, long Size, int Link, long EntrySize);

    /// <summary>One Vernaux entry: a version <paramref name="Name"/> required from <paramref name="File"/>, at byte <paramref name="At"/>.</summary>
    public sealed record VersionNeed(string File, string Name, uint Hash, ushort Index, long At);

    /// <summary>One .dynsym entry (at byte <paramref name="At"/>), with its .gnu.version entry (at <paramref name="VersionAt"/>).</summary>
    public sealed record DynamicSymbol(string Name, byte Info, long At, ushort Version, long VersionAt)
    {
        public int Binding => Info >> 4;
    }

    private readonly byte[] data;

    public IReadOnlyList<Section> Sections { get; }
    public IReadOnlyList<VersionNeed> VersionNeeds { get; }
    public IReadOnlyList<DynamicSymbol> DynamicSymbols { get; }

    public ElfImage(byte[] data)
    {
        this.data = data;
        Assert.True(data is [0x7F, (byte)'E', (byte)'L', (byte)'F', ..], "not an ELF file");
        Assert.Equal(2, data[4]); // ELFCLASS64
        Assert.Equal(1, data[5]); // ELFDATA2LSB
        var shoff = (long)U64(0x28);
        var shentsize = U16(0x3A);
        var shnum = U16(0x3C);
        Sections = Enumerable.Range(0, shnum).Select(i =>
        {
            var at = shoff + (long)i * shentsize;
            return new Section(U32(at + 4), (long)U64(at + 24), (long)U64(at + 32), (int)U32(at + 40), (long)U64(at + 56));
        }).ToList();
        VersionNeeds = ReadVersionNeeds();
        DynamicSymbols = ReadDynamicSymbols();
    }

    public Section Single(uint type) => Assert.Single(Sections, s => s.Type == type);

    public IEnumerable<string> RequiredVersions => VersionNeeds.Select(v => v.Name);

    /// <summary>The System V ABI's ELF hash, stored beside each version name.</summary>
    public static uint ElfHash(string name)
    {
        uint h = 0;
        foreach (var c in Encoding.ASCII.GetBytes(name))
        {
            h = (h << 4) + c;
            var g = h & 0xF0000000;
            if (g != 0) h ^= g >> 24;
            h &= ~g;
        }
        return h;
    }

    public string String(Section strings, long offset)
    {
        var start = strings.Offset + offset;
        var end = Array.IndexOf(data, (byte)0, (int)start);
        return Encoding.ASCII.GetString(data, (int)start, end - (int)start);
    }

    private List<VersionNeed> ReadVersionNeeds()
    {
        var verneed = Single(ShtGnuVerneed);
        var strings = Sections[verneed.Link];
        var result = new List<VersionNeed>();
        var at = verneed.Offset;
        while (true)
        {
            // Verneed: vn_version u16, vn_cnt u16, vn_file u32, vn_aux u32, vn_next u32.
            var count = U16(at + 2);
            var file = String(strings, U32(at + 4));
            var aux = at + U32(at + 8);
            for (var i = 0; i < count; i++)
            {
                // Vernaux: vna_hash u32, vna_flags u16, vna_other u16, vna_name u32, vna_next u32.
                result.Add(new VersionNeed(file, String(strings, U32(aux + 8)), U32(aux), U16(aux + 6), aux));
                var next = U32(aux + 12);
                if (next == 0) break;
                aux += next;
            }
            var nextNeed = U32(at + 12);
            if (nextNeed == 0) break;
            at += nextNeed;
        }
        return result;
    }

    private List<DynamicSymbol> ReadDynamicSymbols()
    {
        var dynsym = Single(ShtDynsym);
        var versym = Single(ShtGnuVersym);
        var strings = Sections[dynsym.Link];
        var count = dynsym.Size / dynsym.EntrySize;
        var result = new List<DynamicSymbol>((int)count);
        for (long i = 0; i < count; i++)
        {
            // Elf64_Sym: st_name u32, st_info u8, st_other u8, st_shndx u16, st_value u64, st_size u64.
            var at = dynsym.Offset + i * dynsym.EntrySize;
            var versionAt = versym.Offset + 2 * i;
            result.Add(new DynamicSymbol(String(strings, U32(at)), data[at + 4], at, U16(versionAt), versionAt));
        }
        return result;
    }

    private ushort U16(long at) => BinaryPrimitives.ReadUInt16LittleEndian(data.AsSpan((int)at));
    private uint U32(long at) => BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan((int)at));
    private ulong U64(long at) => BinaryPrimitives.ReadUInt64LittleEndian(data.AsSpan((int)at));
}
