// Precompiled header: the libtorch headers every translation unit needs.
#pragma once
#include <ATen/ATen.h>
#include <torch/csrc/autograd/autograd.h>
#include <torch/csrc/autograd/grad_mode.h>
#include <torch/version.h>
#include <string>
#include <vector>
