// Taro's H5 flavour in jsdom, as the H5 entry sets it up: the APIs first, then React for the page hooks.
import '@tarojs/taro'
import React from 'react'
import ReactDOM from 'react-dom'
import { createH5NativeComponentConfig } from '@tarojs/plugin-framework-react/dist/runtime'

process.env.TARO_ENV = 'h5'
createH5NativeComponentConfig(null, React, ReactDOM)
