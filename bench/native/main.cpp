// libtorch C++ peer of bench/Torch.Bench: the 1024x1024 float32 matmul (the "matmul >= 95% of
// C++" goal) and, as the floor for the per-op overhead goal, the same 16-element add loop. Same
// measurement and output format as the C# and Python benches (see bench/Torch.Bench/Measure.cs):
//   RESULT impl=cpp case=... threads=... blas=... median=... unit=... min=... max=... n=...
//          others=... attempts=... samples=...
//
//   torch_native_bench [all|add|matmul|threads]... [--repeats-scale X] [--max-attempts N] [--quiet-wait SECONDS]
#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <limits>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace {
using Clock = std::chrono::steady_clock;
constexpr double kQuietPercent = 10.0;
int max_attempts = 3;
double quiet_wait_seconds = 5;

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

// CPU time of the whole machine and of this process, in clock ticks, from /proc.
struct CpuSnapshot {
  long long total = 0, idle = 0, own = 0;
};

CpuSnapshot cpu_snapshot() {
  CpuSnapshot s;
  std::ifstream stat("/proc/stat");
  std::string label;
  long long v[8] = {};
  stat >> label;
  for (auto& x : v) stat >> x;  // user nice system idle iowait irq softirq steal
  for (auto x : v) s.total += x;
  s.idle = v[3] + v[4];
  std::ifstream self("/proc/self/stat");
  std::string line((std::istreambuf_iterator<char>(self)), std::istreambuf_iterator<char>());
  std::istringstream rest(line.substr(line.rfind(')') + 2));  // fields from state (3) on
  std::string field;
  for (int i = 0; i < 11; ++i) rest >> field;
  long long utime = 0, stime = 0;
  rest >> utime >> stime;  // fields 14 and 15
  s.own = utime + stime;
  return s;
}

double others_percent(const CpuSnapshot& a, const CpuSnapshot& b) {
  const double total = static_cast<double>(b.total - a.total);
  if (total <= 0) return 0;
  const double others = total - (b.idle - a.idle) - (b.own - a.own);
  return std::clamp(100.0 * others / total, 0.0, 100.0);
}

// Returns at the end of the first 250 ms in which other processes stayed quiet, or after quiet_wait_seconds.
void wait_quiet() {
  const auto start = Clock::now();
  while (seconds_since(start) < quiet_wait_seconds) {
    const auto a = cpu_snapshot();
    std::this_thread::sleep_for(std::chrono::milliseconds(250));
    if (others_percent(a, cpu_snapshot()) <= kQuietPercent) return;
  }
}

// Warm-up calls, then `repeats` samples; an attempt during which other processes took more than
// 10% of the CPU is repeated (up to max_attempts) and the quietest attempt is reported. Each
// attempt first waits for a quiet moment (wait_quiet).
void measure(const char* name, int threads, const char* unit, int repeats, int warmup, const std::function<double()>& sample) {
  for (int i = 0; i < warmup; ++i) sample();
  std::vector<double> best;
  double best_others = std::numeric_limits<double>::infinity();
  int attempts = 0;
  while (attempts < max_attempts) {
    ++attempts;
    wait_quiet();
    const auto before = cpu_snapshot();
    std::vector<double> samples;
    for (int r = 0; r < repeats; ++r) samples.push_back(sample());
    const double others = others_percent(before, cpu_snapshot());
    if (others < best_others) best = samples, best_others = others;
    if (others <= kQuietPercent) break;
  }
  std::vector<double> sorted = best;
  std::sort(sorted.begin(), sorted.end());
  const size_t n = sorted.size();
  const double median = n % 2 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  // OpenBLAS keeps its own thread pool, sized by OPENBLAS_NUM_THREADS (default: one per core).
  const char* blas = std::getenv("OPENBLAS_NUM_THREADS");
  std::printf("RESULT impl=cpp case=%s threads=%d blas=%s median=%.6g unit=%s min=%.6g max=%.6g n=%zu others=%.0f attempts=%d samples=",
              name, threads, blas && *blas ? blas : "default", median, unit, sorted.front(), sorted.back(), n, best_others,
              attempts);
  for (size_t i = 0; i < n; ++i) std::printf(i ? ",%.6g" : "%.6g", best[i]);
  std::printf("\n");
  std::fflush(stdout);
}

// 100,000 adds of two 16-element float32 tensors; each result is freed as it goes out of scope.
// Then the same with each result held until 1,000 have accumulated, as the C# bench's dispose
// scope (one per 1,000 ops) does: the fair floor for that pattern.
void bench_add(int repeats, int threads) {
  const int ops = 100000;
  auto a = torch::randn({16});
  auto b = torch::randn({16});
  measure("add", threads, "ns/op", repeats, 2, [&] {
    auto t0 = Clock::now();
    for (int i = 0; i < ops; ++i) {
      auto c = a.add(b);
      asm volatile("" : : "r"(c.unsafeGetTensorImpl()) : "memory");
    }
    return seconds_since(t0) * 1e9 / ops;
  });
  std::vector<at::Tensor> held;
  held.reserve(1000);
  measure("add_held1000", threads, "ns/op", repeats, 2, [&] {
    auto t0 = Clock::now();
    for (int i = 0; i < ops; i += 1000) {
      for (int j = 0; j < 1000; ++j) held.push_back(a.add(b));
      held.clear();
    }
    return seconds_since(t0) * 1e9 / ops;
  });
}

void bench_matmul(const char* name, int repeats, int threads) {
  const int64_t n = 1024;
  const double flops = 2.0 * n * n * n;
  auto a = torch::randn({n, n});
  auto b = torch::randn({n, n});
  // The first ~10 products run ~15% slower (OpenBLAS's threads and the allocator settling).
  measure(name, threads, "GFLOP/s", repeats, 20, [&] {
    auto t0 = Clock::now();
    { auto c = a.matmul(b); }
    return flops / seconds_since(t0) / 1e9;
  });
}
}  // namespace

int main(int argc, char** argv) {
  const char* usage = "usage: torch_native_bench [all|add|matmul|threads]... [--repeats-scale X] [--max-attempts N] [--quiet-wait SECONDS]\n";
  std::vector<std::string> cases;
  double scale = 1.0;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--repeats-scale" && i + 1 < argc) {
      scale = std::atof(argv[++i]);
    } else if (arg == "--max-attempts" && i + 1 < argc) {
      max_attempts = std::max(1, std::atoi(argv[++i]));
    } else if (arg == "--quiet-wait" && i + 1 < argc) {
      quiet_wait_seconds = std::max(0.0, std::atof(argv[++i]));
    } else if (arg == "all" || arg == "add" || arg == "matmul" || arg == "threads") {
      cases.push_back(arg);
    } else if (arg == "-h" || arg == "--help") {
      std::printf("%s", usage);
      return 0;
    } else {
      std::fprintf(stderr, "unknown argument '%s'\n%s", arg.c_str(), usage);
      return 2;
    }
  }
  if (cases.empty() || std::find(cases.begin(), cases.end(), "all") != cases.end()) cases = {"add", "matmul", "threads"};
  auto repeats = [&](int n) { return std::max(3, static_cast<int>(std::lround(n * scale))); };

  const int default_threads = at::get_num_threads();
  std::printf("# cpp: libtorch %s C++ API, at::get_num_threads()=%d\n", TORCH_VERSION, default_threads);
  for (const auto& c : cases) {
    if (c == "add") {
      bench_add(repeats(7), default_threads);
    } else if (c == "matmul") {
      bench_matmul("matmul", repeats(40), default_threads);
    } else if (c == "threads") {
      for (int threads : {1, 2}) {
        at::set_num_threads(threads);
        bench_matmul("matmul_threads", repeats(40), threads);
      }
      at::set_num_threads(default_threads);
    }
  }
  return 0;
}
